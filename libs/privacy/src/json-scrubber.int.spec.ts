import { REDACTED } from '@ledgerline/domain';
import { isolatedPostgres } from '@ledgerline/testing';
import { type Pool } from 'pg';
import { jsonColumnsScrubber } from './scrubbers';

// The saga runtime keeps the events it handled and the commands it sent as JSON: a forgotten
// subject's texts must leave those documents too, and nobody else's.
describe('scrubbing JSON columns after a forget (real PostgreSQL)', () => {
  let pool: Pool;
  let schema: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ pool, schema, drop } = await isolatedPostgres('privacy_json'));
    await pool.query(`
      CREATE TABLE "${schema}".history (
        saga_id text NOT NULL, input_id text NOT NULL, input jsonb NOT NULL, commands jsonb NOT NULL,
        PRIMARY KEY (saga_id, input_id));`);
  });
  afterAll(async () => drop());

  const input = (customer: string, description: string, note: string) => ({
    type: 'OrderPlaced',
    data: { customerId: customer, lines: [{ sku: 'sku-1', description }], totalMinor: 1200 },
    metadata: { note },
  });

  it('replaces the texts wherever they sit in a document, and leaves other documents alone', async () => {
    // given one saga of the forgotten customer and one of another customer
    await pool.query(
      `INSERT INTO "${schema}".history VALUES
         ('s-1', 'i-1', $1, $2), ('s-2', 'i-1', $3, $4)`,
      [
        JSON.stringify(input('c-1', 'a gift for Ada', 'ring twice')),
        JSON.stringify([{ type: 'ReserveFunds', data: { reference: 'a gift for Ada' } }]),
        JSON.stringify(input('c-2', 'a gift for Bob', 'leave at the door')),
        JSON.stringify([{ type: 'ReserveFunds', data: { reference: 'a gift for Bob' } }]),
      ],
    );

    // when the forgotten customer's texts are scrubbed
    const rewritten = await jsonColumnsScrubber(pool, [schema])(['a gift for Ada', 'ring twice']);

    // then both JSON columns of the customer's row are rewritten, the amounts and ids kept
    const { rows } = await pool.query<{ saga_id: string; input: unknown; commands: unknown }>(
      `SELECT saga_id, input, commands FROM "${schema}".history ORDER BY saga_id`,
    );
    expect(rows[0]).toEqual({
      saga_id: 's-1',
      input: {
        type: 'OrderPlaced',
        data: {
          customerId: 'c-1',
          lines: [{ sku: 'sku-1', description: REDACTED }],
          totalMinor: 1200,
        },
        metadata: { note: REDACTED },
      },
      commands: [{ type: 'ReserveFunds', data: { reference: REDACTED } }],
    });
    // and the other customer's row is untouched
    expect(rows[1]).toEqual({
      saga_id: 's-2',
      input: input('c-2', 'a gift for Bob', 'leave at the door'),
      commands: [{ type: 'ReserveFunds', data: { reference: 'a gift for Bob' } }],
    });
    expect(rewritten).toBe(2);
  });

  it('rewrites nothing when no document holds the texts', async () => {
    expect(await jsonColumnsScrubber(pool, [schema])(['nobody wrote this'])).toBe(0);
  });
});
