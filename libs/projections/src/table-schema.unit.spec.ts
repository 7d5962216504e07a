import { schemaOfTable } from './tables';

describe('the schema of a table name', () => {
  it('is the part before the dot, unquoted', () => {
    expect(schemaOfTable('read_accounts.balances_v1')).toBe('read_accounts');
    expect(schemaOfTable('"projckpt_x_1".balances')).toBe('projckpt_x_1');
  });

  it('is undefined for a name the search path resolves', () => {
    expect(schemaOfTable('balances')).toBeUndefined();
  });
});
