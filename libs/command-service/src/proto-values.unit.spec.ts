import { InvalidInput } from '@ledgerline/domain';
import { enumValue, int64, required } from './proto-values';
import { describeStartupFailure } from './startup-failure';

describe('reading proto values', () => {
  it('parses int64 decimal strings into safe integers', () => {
    expect(int64('amount', '1999')).toBe(1999);
    expect(int64('amount', '-5')).toBe(-5);
    expect(int64('amount', undefined)).toBe(0);
  });

  it.each(['1.5', 'abc', '', '99999999999999999', '1e3'])(
    'rejects int64 %p naming the field',
    (value) => {
      expect(() => int64('amount.amount_minor', value)).toThrow(InvalidInput);
      expect(() => int64('amount.amount_minor', value)).toThrow(/^amount\.amount_minor: /);
    },
  );

  it('requires present sub-messages', () => {
    expect(required('amount', { a: 1 })).toEqual({ a: 1 });
    expect(() => required('amount', null)).toThrow('amount: is required');
  });

  it('maps known enum names and rejects unspecified or unknown values', () => {
    const kinds = { ACCOUNT_KIND_CUSTOMER: 'customer', ACCOUNT_KIND_MERCHANT: 'merchant' } as const;
    expect(enumValue('kind', 'ACCOUNT_KIND_MERCHANT', kinds)).toBe('merchant');
    expect(() => enumValue('kind', 'ACCOUNT_KIND_UNSPECIFIED', kinds)).toThrow(
      'kind: must be one of ACCOUNT_KIND_CUSTOMER, ACCOUNT_KIND_MERCHANT',
    );
    expect(() => enumValue('kind', 7, kinds)).toThrow(InvalidInput);
  });
});

describe('describeStartupFailure', () => {
  it('names the server and the setting in one line', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), {
      code: 'ECONNREFUSED',
      address: '127.0.0.1',
      port: 5999,
    });
    expect(describeStartupFailure(refused)).toBe(
      'cannot reach PostgreSQL at 127.0.0.1:5999 (connection refused): check POSTGRES_URL and that the server runs',
    );
    expect(
      describeStartupFailure(
        Object.assign(new Error('database "nope" does not exist'), { code: '3D000' }),
      ),
    ).toBe('the database named in POSTGRES_URL does not exist (database "nope" does not exist)');
    expect(describeStartupFailure('weird')).toBe('failed to start: weird');
  });
});
