import { randomUUID } from 'node:crypto';
import { isolatedPostgres } from '@ledgerline/testing';

import {
  AppendNotFirstWrite,
  DuplicateEventId,
  PostgresEventStore,
  WrongExpectedVersion,
  migrate,
  MIGRATIONS,
  SQLSTATE,
  type NewEvent,
} from './index';
import { streamOf } from './store.fixture';

const deposited = (amount: number, eventId?: string): NewEvent => ({
  type: 'FundsDeposited',
  data: { amount },
  ...(eventId ? { eventId } : {}),
});

/** One row of append_events_batch, as the store reads it. */
interface BatchRow {
  r_entry: number;
  r_version: number | null;
  r_error_code: string | null;
  r_error_constraint: string | null;
}

// Migration 8 replaces the bodies of append_events and append_events_batch in stores that already
// run migrations 1–7 (whose SQL stays as shipped): what those stores recorded must go on working.
describe('migration 8 (one append body) on a store at migration 7', () => {
  let pg: Awaited<ReturnType<typeof isolatedPostgres>>;
  let store: PostgresEventStore;
  const account = streamOf('account');
  const keyed = streamOf('account');
  const clientIds = streamOf('account');
  const batched = Array.from({ length: 4 }, () => streamOf('account'));
  const key = `deposit-${randomUUID()}`;
  const ids = [randomUUID(), randomUUID()];
  let keyedFirst: { position: number; transactionId: string };

  /** A store whose appends beyond the first in flight wait and go as one append_events_batch. */
  const grouping = () =>
    new PostgresEventStore({ pool: pg.pool, schema: pg.schema, groupCommit: { maxInFlight: 1 } });

  const bodyOf = async (name: string): Promise<string> => {
    const { rows } = await pg.pool.query<{ src: string }>(
      `SELECT p.prosrc AS src FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = $1 AND p.proname = $2`,
      [pg.schema, name],
    );
    expect(rows).toHaveLength(1);
    return rows[0]!.src;
  };

  beforeAll(async () => {
    pg = await isolatedPostgres('es');
    const atSeven = await migrate(pg.pool, {
      schema: pg.schema,
      migrations: MIGRATIONS.filter((m) => m.version <= 7),
    });
    expect(atSeven.applied).toEqual([1, 2, 3, 4, 5, 6, 7]);
    store = new PostgresEventStore({ pool: pg.pool, schema: pg.schema });
    // Written by migration 7's functions: plain, keyed, client ids, and a group.
    await store.append(account, [deposited(1), deposited(2)], { expectedVersion: 'no_stream' });
    keyedFirst = await store.append(keyed, [deposited(3)], {
      expectedVersion: 'no_stream',
      idempotency: { key },
    });
    await store.append(clientIds, [deposited(4, ids[0]), deposited(5, ids[1])], {
      expectedVersion: 'no_stream',
    });
    const group = grouping();
    await Promise.all(
      batched.map((streamId, i) =>
        group.append(streamId, [deposited(i)], { expectedVersion: 'no_stream' }),
      ),
    );
    expect(group.groupCommitStats).toEqual({ batches: 1, batchedAppends: 3 });

    expect(await migrate(pg.pool, { schema: pg.schema })).toEqual({ applied: [8] });
  });
  afterAll(() => pg.drop());

  it('leaves append_events and append_events_batch calling the one body, which alone inserts events', async () => {
    const single = await bodyOf('append_events');
    const batch = await bodyOf('append_events_batch');
    const body = await bodyOf('append_events_body');

    expect(single).toContain('append_events_body(');
    expect(batch).toContain('append_events_body(');
    for (const outer of [single, batch]) expect(outer).not.toMatch(/INSERT INTO/i);
    expect(body).toMatch(/INSERT INTO \S+\.events/);
  });

  it('goes on from the versions, keys and event ids recorded before it', async () => {
    const next = await store.append(account, [deposited(6)], { expectedVersion: 2 });
    const replayedKey = await store.append(keyed, [deposited(3)], {
      expectedVersion: 'no_stream',
      idempotency: { key },
    });
    const replayedIds = await store.append(
      clientIds,
      [deposited(4, ids[0]), deposited(5, ids[1])],
      { expectedVersion: 'no_stream' },
    );

    expect(next).toMatchObject({ firstVersion: 3, nextVersion: 3, replayed: false });
    expect(replayedKey).toMatchObject({
      replayed: true,
      nextVersion: 1,
      position: keyedFirst.position,
      transactionId: keyedFirst.transactionId,
    });
    expect(replayedIds).toMatchObject({ replayed: true, firstVersion: 1, nextVersion: 2 });
    await expect(
      store.append(account, [deposited(7)], { expectedVersion: 2 }),
    ).rejects.toMatchObject({ streamId: account, expected: 2, actual: 3 });
    await expect(
      store.append(streamOf('account'), [deposited(8, ids[0])], { expectedVersion: 'any' }),
    ).rejects.toBeInstanceOf(DuplicateEventId);
    expect((await store.readStream(account)).map((e) => e.data)).toEqual([
      { amount: 1 },
      { amount: 2 },
      { amount: 6 },
    ]);
  });

  it('still refuses an append or a batch after its transaction wrote', async () => {
    const client = await pg.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_current_xact_id()');
      await expect(
        store.appendInTransaction(client, streamOf('account'), [deposited(1)], {
          expectedVersion: 'any',
        }),
      ).rejects.toThrow(AppendNotFirstWrite);
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await client.query('SELECT pg_current_xact_id()');
      await expect(
        client.query(
          `SELECT * FROM "${pg.schema}".append_events_batch(ARRAY['account-x'], ARRAY['account'],
             ARRAY[-1]::bigint[], ARRAY[false], ARRAY[NULL]::text[], ARRAY[NULL]::text[], ARRAY[1],
             ARRAY[1], ARRAY[gen_random_uuid()], ARRAY['FundsDeposited'], ARRAY[1],
             ARRAY['{}']::jsonb[], ARRAY['{}']::jsonb[])`,
        ),
      ).rejects.toMatchObject({ code: SQLSTATE.notFirstWrite });
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it('groups appends after it, each failing or succeeding on its own', async () => {
    const group = grouping();
    const outcomes = await Promise.allSettled([
      group.append(batched[0]!, [deposited(10)], { expectedVersion: 1 }),
      group.append(batched[1]!, [deposited(11)], { expectedVersion: 1 }),
      group.append(batched[2]!, [deposited(12)], { expectedVersion: 0 }),
      group.append(batched[3]!, [deposited(13), deposited(14)], { expectedVersion: 1 }),
    ]);

    expect(group.groupCommitStats).toEqual({ batches: 1, batchedAppends: 3 });
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersion);
    expect(await Promise.all(batched.map((s) => store.streamVersion(s)))).toEqual([2, 2, 1, 3]);
  });

  it('returns no row of a batch entry whose body failed after inserting some of its events', async () => {
    const [ok, broken] = [streamOf('account'), streamOf('account')];
    const events = [randomUUID(), randomUUID(), ids[0]!, randomUUID()];
    // Entry 2's second event reuses a recorded id; without the id check only the insert sees it.
    const { rows } = await pg.pool.query<BatchRow>(
      `SELECT r_entry, r_version, r_error_code, r_error_constraint
         FROM "${pg.schema}".append_events_batch(
           $1::text[], ARRAY['account', 'account'], ARRAY[-2, -2]::bigint[],
           ARRAY[false, false], ARRAY[NULL, NULL]::text[], ARRAY[NULL, NULL]::text[],
           ARRAY[1, 2], ARRAY[1, 3], $2::uuid[], ARRAY['FundsDeposited', 'FundsDeposited',
           'FundsDeposited', 'FundsDeposited'], ARRAY[1, 1, 1, 1],
           ARRAY['{}', '{}', '{}', '{}']::jsonb[], ARRAY['{}', '{}', '{}', '{}']::jsonb[])`,
      [[ok, broken], events],
    );

    expect(rows).toEqual([
      { r_entry: 1, r_version: 1, r_error_code: null, r_error_constraint: null },
      {
        r_entry: 2,
        r_version: null,
        r_error_code: '23505',
        r_error_constraint: 'events_event_id_key',
      },
    ]);
    expect(await store.streamVersion(ok)).toBe(1);
    expect(await store.streamVersion(broken)).toBe(0);
    expect(await store.readStream(broken)).toEqual([]);
  });
});
