import {
  DeadlineExceeded,
  IdempotencyKeyConflict,
  PostgresEventStore,
  START,
  WrongExpectedVersion,
  type AppendOptions,
  type EventCodec,
  type NewEvent,
} from './index';
import { migratedStore, streamOf, type StoreFixture } from './store.fixture';

const deposited = (amount = 1): NewEvent => ({ type: 'FundsDeposited', data: { amount } });
const tick = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgresEventStore group commit', () => {
  let fx: StoreFixture;
  let store: PostgresEventStore;
  beforeAll(async () => {
    fx = await migratedStore();
  });
  beforeEach(() => {
    // One append in flight at a time: every append arriving meanwhile waits for the next group.
    store = new PostgresEventStore({
      pool: fx.pool,
      schema: fx.schema,
      groupCommit: { maxInFlight: 1 },
    });
  });
  afterAll(() => fx.drop());

  /**
   * Starts an append to a stream another session holds locked: it goes alone and stays in flight,
   * so the appends made before `open()` all wait, and go as one group when it returns.
   */
  const plugged = async () => {
    const streamId = streamOf('plug');
    const holder = await fx.pool.connect();
    const key = `${fx.schema}/stream/${streamId}`;
    await holder.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
    const first = store.append(streamId, [deposited()], { expectedVersion: 'no_stream' });
    await tick();
    return {
      async open() {
        await tick();
        await holder.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
        holder.release();
        return first;
      },
    };
  };

  const settle = <T>(promises: Promise<T>[]) => Promise.allSettled(promises);

  it('sends appends that wait for a connection together, each with its own result', async () => {
    const plug = await plugged();
    const streams = Array.from({ length: 20 }, () => streamOf('account'));
    const pending = streams.map((streamId, i) =>
      store.append(streamId, [deposited(i)], { expectedVersion: 'no_stream' }),
    );
    const alone = await plug.open();
    const results = await Promise.all(pending);

    expect(store.groupCommitStats).toEqual({ batches: 1, batchedAppends: 20 });
    // One transaction for all twenty, not the plug's.
    expect(new Set(results.map((r) => r.transactionId))).toEqual(
      new Set([results[0]!.transactionId]),
    );
    expect(results[0]!.transactionId).not.toBe(alone.transactionId);
    for (const [i, result] of results.entries()) {
      expect(result).toMatchObject({ streamId: streams[i], firstVersion: 1, nextVersion: 1 });
      expect(result.replayed).toBe(false);
      const [stored] = await fx.store.readStream(streams[i]!);
      expect(stored).toMatchObject({
        eventId: result.events[0]!.eventId,
        data: { amount: i },
        globalPosition: result.position,
      });
    }
    // In the order they arrived.
    const positions = results.map((r) => r.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('fails an append with a wrong expected version alone; the rest of its group commits', async () => {
    const plug = await plugged();
    const streams = Array.from({ length: 5 }, () => streamOf('account'));
    const pending = streams.map((streamId, i) =>
      store.append(streamId, [deposited()], { expectedVersion: i === 2 ? 3 : 'no_stream' }),
    );
    await plug.open();
    const outcomes = await settle(pending);

    expect(store.groupCommitStats).toEqual({ batches: 1, batchedAppends: 5 });
    const failed = outcomes[2]!;
    expect(failed.status).toBe('rejected');
    const error = (failed as PromiseRejectedResult).reason as WrongExpectedVersion;
    expect(error).toBeInstanceOf(WrongExpectedVersion);
    expect(error).toMatchObject({ streamId: streams[2], expected: 3, actual: 0 });
    expect(await fx.store.readStream(streams[2]!)).toEqual([]);
    expect(await fx.store.streamVersion(streams[2]!)).toBe(0);
    for (const i of [0, 1, 3, 4]) {
      expect(outcomes[i]!.status).toBe('fulfilled');
      expect(await fx.store.streamVersion(streams[i]!)).toBe(1);
    }
  });

  it('treats one idempotency key used twice in a group, and again later, like sequential appends', async () => {
    const streamId = streamOf('account');
    const key = `deposit-${streamId}`;
    const options: AppendOptions = { expectedVersion: 'any', idempotency: { key } };
    const plug = await plugged();
    const pending = [
      store.append(streamId, [deposited(7)], options),
      store.append(streamId, [deposited(7)], options),
      store.append(streamId, [deposited(8)], options),
    ];
    await plug.open();
    const [first, retry, different] = await settle(pending);

    expect(store.groupCommitStats).toEqual({ batches: 1, batchedAppends: 3 });
    const recorded = (first as PromiseFulfilledResult<{ replayed: boolean }>).value;
    expect(recorded).toMatchObject({ replayed: false, firstVersion: 1, nextVersion: 1 });
    expect((retry as PromiseFulfilledResult<unknown>).value).toMatchObject({
      replayed: true,
      firstVersion: 1,
      nextVersion: 1,
      events: [{ data: { amount: 7 }, streamVersion: 1 }],
    });
    expect((different as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyKeyConflict);

    // Across groups: a later retry (alone now) gets the same stored result.
    const later = await store.append(streamId, [deposited(7)], options);
    expect(later).toMatchObject({ replayed: true, firstVersion: 1, nextVersion: 1 });
    expect(await fx.store.readStream(streamId)).toHaveLength(1);
  });

  it('keeps every stream in version order in the global log, grouped or not', async () => {
    const before = await fx.store.headCheckpoint();
    const streams = Array.from({ length: 4 }, () => streamOf('order'));
    // Grouped appends and plain ones (another store instance) race on the same streams.
    const writers = Array.from({ length: 24 }, async (_, w) => {
      const writer = w % 3 === 0 ? fx.store : store;
      for (let i = 0; i < 10; i++) {
        await writer.append(streams[(w + i) % streams.length]!, [deposited(w), deposited(i)], {
          expectedVersion: 'any',
        });
      }
    });
    await Promise.all(writers);

    expect(store.groupCommitStats!.batches).toBeGreaterThan(0);
    const seen = new Map<string, number>();
    let checkpoint = before === START ? START : before;
    let total = 0;
    for (;;) {
      const { events, checkpoint: next } = await fx.store.readAll({
        after: checkpoint,
        categories: ['order'],
        limit: 100,
      });
      if (events.length === 0) break;
      for (const event of events) {
        if (!streams.includes(event.streamId)) continue;
        // No gap and no step back within a stream.
        expect(event.streamVersion).toBe((seen.get(event.streamId) ?? 0) + 1);
        seen.set(event.streamId, event.streamVersion);
        total++;
      }
      checkpoint = next;
    }
    expect(total).toBe(24 * 10 * 2);
  });

  it("refuses an append whose caller's deadline passed while it waited", async () => {
    const plug = await plugged();
    const late = streamOf('account');
    const onTime = streamOf('account');
    const pending = [
      store.append(late, [deposited()], {
        expectedVersion: 'no_stream',
        deadline: new Date(Date.now() + 1_200),
      }),
      store.append(onTime, [deposited()], { expectedVersion: 'no_stream' }),
    ];
    // A near deadline is not queued: its own transaction, cut at the deadline (appendBefore).
    const near = streamOf('account');
    await expect(
      store.append(near, [deposited()], {
        expectedVersion: 'no_stream',
        deadline: new Date(Date.now() + 500),
      }),
    ).resolves.toMatchObject({ nextVersion: 1 });
    await tick(1_300);
    await plug.open();
    const [lateOutcome, onTimeOutcome] = await settle(pending);

    expect((lateOutcome as PromiseRejectedResult).reason).toBeInstanceOf(DeadlineExceeded);
    expect(onTimeOutcome!.status).toBe('fulfilled');
    expect(await fx.store.readStream(late)).toEqual([]);
    expect(await fx.store.streamVersion(onTime)).toBe(1);
  });

  it('seals each grouped append for its own stream and hands back what the caller gave', async () => {
    // A codec that stores the amount under its stream's name, and opens it again.
    const codec: EventCodec = {
      seal: (streamId, events) =>
        Promise.resolve(
          events.map((e) => ({ ...e, data: { sealedFor: streamId, inner: e.data } })),
        ),
      open: (events) =>
        Promise.resolve(events.map((e) => ({ ...e, data: (e.data as { inner: unknown }).inner }))),
    };
    store = new PostgresEventStore({
      pool: fx.pool,
      schema: fx.schema,
      codec,
      groupCommit: { maxInFlight: 1 },
    });
    const plug = await plugged();
    const streams = Array.from({ length: 3 }, () => streamOf('account'));
    const options = (i: number): AppendOptions => ({
      expectedVersion: 'any',
      idempotency: { key: `seal-${streams[i]!}` },
    });
    const pending = streams.map((s, i) => store.append(s, [deposited(i)], options(i)));
    // The same request again in the same group: replayed, opened like a read.
    pending.push(store.append(streams[0]!, [deposited(0)], options(0)));
    await plug.open();
    const results = await Promise.all(pending);

    expect(store.groupCommitStats).toEqual({ batches: 1, batchedAppends: 4 });
    for (const [i, streamId] of streams.entries()) {
      expect(results[i]!.events[0]!.data).toEqual({ amount: i });
      const [raw] = await fx.store.readStream(streamId);
      expect(raw!.data).toEqual({ sealedFor: streamId, inner: { amount: i } });
    }
    expect(results[3]).toMatchObject({ replayed: true, events: [{ data: { amount: 0 } }] });
  });
});
