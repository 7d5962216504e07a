import { randomUUID } from 'node:crypto';
import { poolAsRole } from '@ledgerline/testing';
import { DatabaseError, type Pool } from 'pg';

import { PostgresEventStore } from './event-store';
import { commandServiceGrants, eventReaderGrants } from './grants';
import { migrate, SQLSTATE } from './migrations';
import { migratedStore, streamOf, type StoreFixture } from './store.fixture';

const INSUFFICIENT_PRIVILEGE = '42501';
const DAY_MS = 24 * 3_600_000;

/** The SQLSTATE a statement fails with, or 'ok'. */
const outcome = async (pool: Pool, sql: string): Promise<string> => {
  try {
    await pool.query(sql);
    return 'ok';
  } catch (error) {
    if (error instanceof DatabaseError) return error.code ?? 'no code';
    throw error;
  }
};

// One context's event store as the platform runs it (ADR 0028): migrated by the schema's owner
// (this test's connection), used by the command service's role, read by its query service's
// role, out of reach of another context's service.
describe('least privilege in the event store', () => {
  let fx: StoreFixture;
  let accounts: Pool;
  let accountsQuery: Pool;
  let payments: Pool;
  let events: string;

  beforeAll(async () => {
    fx = await migratedStore();
    events = `"${fx.schema}".events`;
    for (const statement of [
      ...commandServiceGrants(fx.schema, 'ledgerline_accounts'),
      ...eventReaderGrants(fx.schema, 'ledgerline_accounts_query'),
    ])
      await fx.pool.query(statement);
    [accounts, accountsQuery, payments] = await Promise.all([
      poolAsRole('ledgerline_accounts'),
      poolAsRole('ledgerline_accounts_query'),
      poolAsRole('ledgerline_payments'),
    ]);
    await fx.store.append(streamOf('account'), [{ type: 'AccountOpened', data: {} }], {
      expectedVersion: 'no_stream',
    });
  });
  afterAll(async () => {
    await Promise.all([accounts, accountsQuery, payments].map((pool) => pool?.end()));
    await fx.drop();
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events even to the owner, through the trigger', async () => {
    expect(await outcome(fx.pool, `UPDATE ${events} SET data = '{}'`)).toBe(SQLSTATE.appendOnly);
    expect(await outcome(fx.pool, `DELETE FROM ${events}`)).toBe(SQLSTATE.appendOnly);
    expect(await outcome(fx.pool, `TRUNCATE ${events}`)).toBe(SQLSTATE.appendOnly);
    const { rows } = await fx.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${events}`);
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events to the service role, by its grants', async () => {
    expect(await outcome(accounts, `UPDATE ${events} SET data = '{}'`)).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
    expect(await outcome(accounts, `DELETE FROM ${events}`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(accounts, `TRUNCATE ${events}`)).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('lets the command service role do all its service does: append, read, snapshots, prune keys, relay checkpoints', async () => {
    const store = new PostgresEventStore({ pool: accounts, schema: fx.schema });
    const stream = streamOf('account');
    const key = `client-${randomUUID()}`;
    const first = await store.append(stream, [{ type: 'AccountOpened', data: {} }], {
      expectedVersion: 'no_stream',
      idempotency: { key },
    });
    const retried = await store.append(stream, [{ type: 'AccountOpened', data: {} }], {
      expectedVersion: 'no_stream',
      idempotency: { key },
    });
    await store.append(stream, [{ type: 'FundsDeposited', data: { amount: 5 } }], {
      expectedVersion: 1,
    });
    await store.saveSnapshot(stream, 1, { version: 1, position: 1, state: { n: 1 } });
    await store.saveSnapshot(stream, 1, { version: 2, position: 2, state: { n: 2 } });
    await fx.pool.query(
      `UPDATE "${fx.schema}".idempotency_keys SET created_at = now() - interval '9 days' WHERE key = $1`,
      [key],
    );
    const pruned = await store.pruneIdempotencyKeys({ olderThanMs: 7 * DAY_MS });
    await accounts.query(
      `INSERT INTO "${fx.schema}".relay_checkpoints (relay, transaction_id, position)
       VALUES ('accounts', '1'::xid8, 1)
       ON CONFLICT (relay) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
    );
    await accounts.query(
      `UPDATE "${fx.schema}".relay_checkpoints SET position = 2 WHERE relay = 'accounts'`,
    );

    expect(retried.replayed).toBe(true);
    expect(retried.nextVersion).toBe(first.nextVersion);
    expect((await store.readStream(stream)).map((e) => e.type)).toEqual([
      'AccountOpened',
      'FundsDeposited',
    ]);
    expect((await store.loadSnapshot<{ n: number }>(stream, 1))?.state).toEqual({ n: 2 });
    expect(pruned.clientKeys).toBeGreaterThanOrEqual(1);
    expect(await migrate(accounts, { schema: fx.schema })).toEqual({ applied: [] });
  });

  it('lets the command service role append a group through append_events_batch and its shared body', async () => {
    const [one, two] = [streamOf('account'), streamOf('account')];
    const { rows } = await accounts.query<{ r_entry: number; r_error_code: string | null }>(
      `SELECT r_entry, r_error_code FROM "${fx.schema}".append_events_batch(
         $1::text[], ARRAY['account', 'account'], ARRAY[-2, -2]::bigint[], ARRAY[false, false],
         ARRAY[NULL, NULL]::text[], ARRAY[NULL, NULL]::text[], ARRAY[1, 2], ARRAY[1, 1],
         ARRAY[gen_random_uuid(), gen_random_uuid()], ARRAY['AccountOpened', 'AccountOpened'],
         ARRAY[1, 1], ARRAY['{}', '{}']::jsonb[], ARRAY['{}', '{}']::jsonb[])`,
      [[one, two]],
    );

    expect(rows).toEqual([
      { r_entry: 1, r_error_code: null },
      { r_entry: 2, r_error_code: null },
    ]);
    expect(await fx.store.streamVersion(one)).toBe(1);
    expect(await fx.store.streamVersion(two)).toBe(1);
  });

  it("lets the command service role keep its context's own tables, never the migrations' record", async () => {
    const subject = `subject-${Date.now()}`;
    expect(
      await outcome(
        accounts,
        `INSERT INTO "${fx.schema}".data_keys (subject_id, key_id, wrapped_key, kek_id)
         VALUES ('${subject}', gen_random_uuid(), '\\x00', 'kek')`,
      ),
    ).toBe('ok');
    expect(await outcome(accountsQuery, `SELECT * FROM "${fx.schema}".data_keys`)).toBe('ok');
    expect(
      await outcome(accounts, `DELETE FROM "${fx.schema}".schema_migrations WHERE version = 1`),
    ).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('tells a service role with a pending migration to run platform db migrate as the owner', async () => {
    const later = { version: 9_999, name: 'later', sql: (s: string) => `SELECT '${s}'` };
    await expect(migrate(accounts, { schema: fx.schema, migrations: [later] })).rejects.toThrow(
      /pending migrations \(9999\).*platform db migrate/,
    );
  });

  it("lets a query service's role read events, not write them", async () => {
    expect(await outcome(accountsQuery, `SELECT max(global_position) FROM ${events}`)).toBe('ok');
    expect(
      await outcome(
        accountsQuery,
        `SELECT * FROM "${fx.schema}".append_events('account-x', 'account', -1, ARRAY[gen_random_uuid()],
           ARRAY['AccountOpened'], ARRAY[1], ARRAY['{}'::jsonb], ARRAY['{}'::jsonb], false, NULL, NULL, false)`,
      ),
    ).toBe(INSUFFICIENT_PRIVILEGE);
    expect(
      await outcome(
        accountsQuery,
        `SELECT * FROM "${fx.schema}".append_events_body('account-x', 'account', -1,
           ARRAY[gen_random_uuid()], ARRAY['AccountOpened'], ARRAY[1], ARRAY['{}'::jsonb],
           ARRAY['{}'::jsonb], false, NULL, NULL, false, true)`,
      ),
    ).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(accountsQuery, `SELECT * FROM "${fx.schema}".idempotency_keys`)).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
  });

  it("keeps another context's service out of this store", async () => {
    expect(await outcome(payments, `SELECT count(*) FROM ${events}`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(payments, `INSERT INTO "${fx.schema}".streams VALUES ('x', 'x', 1)`)).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
  });
});
