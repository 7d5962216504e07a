import { statementName } from './statement-name';

describe('prepared statement names', () => {
  it('keeps a name PostgreSQL stores whole', () => {
    // given a short schema
    const name = 'event-store:ledgerline:read-all:categories';

    // when it is registered, then it stays readable
    expect(statementName(name)).toBe(name);
  });

  it('gives names of a long schema distinct digests within 63 bytes', () => {
    // given the longest schema name the store accepts: its statements agree on the first 63 bytes
    const schema = 's'.repeat(56);
    const statements = ['append', 'append-many', 'read-all', 'read-all:categories'].map(
      (statement) => `event-store:${schema}:${statement}`,
    );
    expect(new Set(statements.map((name) => name.slice(0, 63))).size).toBe(1);

    // when they are registered
    const registered = statements.map(statementName);

    // then each fits and none meets another, and the same name is given every time
    for (const name of registered) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    expect(new Set(registered).size).toBe(statements.length);
    expect(statements.map(statementName)).toEqual(registered);
  });
});
