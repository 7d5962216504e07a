import { randomUUID } from 'node:crypto';

import { RuleViolation, type Decider } from '@ledgerline/domain';

import {
  IdempotencyKeyConflict,
  PostgresEventStore,
  WrongExpectedVersion,
  handleCommand,
  type Upcasters,
} from './index';
import { migratedStore, streamOf, type StoreFixture } from './store.fixture';

type Deposited = { type: 'FundsDeposited'; data: { amountMinor: number; currency: string } };
type Deposit = { type: 'Deposit'; amountMinor: number } | { type: 'Check' };
interface Balance {
  readonly balance: number;
  readonly deposits: number;
}
const account: Decider<Deposit, Balance, Deposited> = {
  initialState: { balance: 0, deposits: 0 },
  decide: (command, state) => {
    if (command.type === 'Check') return [];
    if (state.balance + command.amountMinor > 1_000_000) {
      throw new RuleViolation('limit', 'balance limit exceeded');
    }
    return [
      { type: 'FundsDeposited', data: { amountMinor: command.amountMinor, currency: 'EUR' } },
    ];
  },
  evolve: (state, event) => ({
    balance: state.balance + event.data.amountMinor,
    deposits: state.deposits + 1,
  }),
};

describe('handleCommand on PostgreSQL', () => {
  let fx: StoreFixture;
  beforeAll(async () => {
    fx = await migratedStore();
  });
  afterAll(() => fx.drop());

  const deposit = (streamId: string, amountMinor: number, extra: object = {}) =>
    handleCommand({
      store: fx.store,
      decider: account,
      streamId,
      command: { type: 'Deposit', amountMinor },
      metadata: { correlationId: 'c-1', actor: 'test' },
      ...extra,
    });

  it('12 concurrent commands on one stream all land, each once, by retrying on conflicts', async () => {
    const streamId = streamOf('account');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => deposit(streamId, i + 1, { maxRetries: 50 })),
    );
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    const final = await deposit(streamId, 0);
    expect(final.state).toEqual({ balance: 78, deposits: 13 });
  });

  it('with no retries allowed, a lost race surfaces as WrongExpectedVersion', async () => {
    const streamId = streamOf('account');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => deposit(streamId, 1, { maxRetries: 0 })),
    );
    const rejected = outcomes.filter((o) => o.status === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(WrongExpectedVersion);
    expect(await fx.store.streamVersion(streamId)).toBe(8 - rejected.length);
  });

  it('a repeated idempotency key returns the original outcome and writes once, even concurrently', async () => {
    const streamId = streamOf('account');
    const idempotency = { key: randomUUID() };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => deposit(streamId, 50, { idempotency })),
    );
    expect(await fx.store.streamVersion(streamId)).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    for (const r of results) {
      expect(r).toMatchObject({ version: 1, state: { balance: 50, deposits: 1 } });
      expect(r.events.map((e) => e.eventId)).toEqual(results[0]!.events.map((e) => e.eventId));
    }
    await expect(deposit(streamId, 51, { idempotency })).rejects.toThrow(IdempotencyKeyConflict);
  });

  it('propagates domain errors and writes nothing for an empty decision', async () => {
    const streamId = streamOf('account');
    const first = await deposit(streamId, 999_999);
    await expect(deposit(streamId, 2)).rejects.toThrow(RuleViolation);
    const check = await handleCommand({
      store: fx.store,
      decider: account,
      streamId,
      command: { type: 'Check' },
    });
    expect(check).toMatchObject({ version: 1, position: first.position, events: [] });
    expect(await fx.store.streamVersion(streamId)).toBe(1);
  });

  it('snapshots every N events, loads from the snapshot, and ignores one of another state version', async () => {
    const streamId = streamOf('account');
    const withSnapshots = (amount: number, snapshotStateVersion = 1) =>
      deposit(streamId, amount, { snapshotEvery: 2, snapshotStateVersion });
    for (const amount of [1, 2, 3]) await withSnapshots(amount);
    expect(await fx.store.loadSnapshot(streamId, 1)).toMatchObject({
      version: 2,
      state: { balance: 3, deposits: 2 },
    });
    // Tamper with the stored state: a load that uses the snapshot shows it.
    await fx.pool.query(
      `UPDATE "${fx.schema}".snapshots SET state = '{"balance": 1000, "deposits": 2}' WHERE stream_id = $1`,
      [streamId],
    );
    expect((await withSnapshots(4)).state).toEqual({ balance: 1007, deposits: 4 });
    // A new state shape ignores the old snapshot and folds the events from the start.
    expect((await withSnapshots(5, 2)).state).toEqual({ balance: 15, deposits: 5 });
    expect((await withSnapshots(6, 2)).state).toEqual({ balance: 21, deposits: 6 });
    expect(await fx.store.loadSnapshot(streamId, 2)).toMatchObject({ version: 6 });
    expect(await fx.store.loadSnapshot(streamId, 1)).toBeUndefined();
  });

  it('upcasts old events on read and appends at the current schema version', async () => {
    const streamId = streamOf('account');
    // Written by an older version of the code: v1 had `amount` in major units and no currency.
    await fx.store.append(streamId, [{ type: 'FundsDeposited', data: { amount: 2 } }], {
      expectedVersion: 'no_stream',
    });
    const upcasters: Upcasters = {
      FundsDeposited: [
        (data) => ({ ...(data as object), currency: 'EUR' }),
        (data) => {
          const { amount, ...rest } = data as { amount: number };
          return { ...rest, amountMinor: amount * 100 };
        },
      ],
    };
    const store = new PostgresEventStore({ pool: fx.pool, schema: fx.schema, upcasters });
    const [old] = await store.readStream(streamId);
    expect(old).toMatchObject({ schemaVersion: 3, data: { amountMinor: 200, currency: 'EUR' } });
    const result = await handleCommand({
      store,
      decider: account,
      streamId,
      command: { type: 'Deposit', amountMinor: 5 },
    });
    expect(result.state).toEqual({ balance: 205, deposits: 2 });
    const { rows } = await fx.pool.query<{ schema_version: number }>(
      `SELECT schema_version FROM "${fx.schema}".events WHERE stream_id = $1 ORDER BY stream_version`,
      [streamId],
    );
    expect(rows.map((r) => r.schema_version)).toEqual([1, 3]);
    const all = await store.readAll({ categories: ['account'], limit: 10_000 });
    expect(all.events.find((e) => e.eventId === old!.eventId)?.data).toEqual(old!.data);
  });
});
