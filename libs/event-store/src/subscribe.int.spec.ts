import { eventually } from '@ledgerline/testing';

import { type Checkpoint, type NewEvent, type RecordedEvent } from './index';
import { migratedStore, streamOf, type StoreFixture } from './store.fixture';

const event = (n: number): NewEvent => ({ type: 'Tested', data: { n } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('subscribe', () => {
  let fx: StoreFixture;
  beforeEach(async () => {
    fx = await migratedStore();
  });
  afterEach(() => fx.drop());

  it('catches up, then delivers live appends in order, one batch at a time', async () => {
    const streamId = streamOf('account');
    for (const n of [1, 2, 3, 4, 5])
      await fx.store.append(streamId, [event(n)], { expectedVersion: 'any' });
    const seen: RecordedEvent[] = [];
    const checkpoints: Checkpoint[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const subscription = fx.store.subscribe(
      { batchSize: 2, pollIntervalMs: 100 },
      async (events, checkpoint) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        expect(events.length).toBeLessThanOrEqual(2);
        await sleep(20);
        seen.push(...events);
        checkpoints.push(checkpoint);
        inFlight--;
      },
    );
    try {
      for (const n of [6, 7, 8, 9, 10])
        await fx.store.append(streamId, [event(n)], { expectedVersion: 'any' });
      await eventually(() => expect(seen).toHaveLength(10));
      expect(seen.map((e) => e.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => ({ n })));
      expect(maxInFlight).toBe(1);
      const last = seen[seen.length - 1]!;
      expect(subscription.checkpoint).toEqual({
        transactionId: last.transactionId,
        position: last.globalPosition,
      });
      expect(checkpoints[checkpoints.length - 1]).toEqual(subscription.checkpoint);
    } finally {
      await subscription.stop();
    }
  });

  it('is woken by NOTIFY well before its poll interval', async () => {
    const streamId = streamOf('account');
    await fx.store.append(streamId, [event(0)], { expectedVersion: 'any' });
    const arrivals: number[] = [];
    const subscription = fx.store.subscribe({ pollIntervalMs: 5_000 }, (events) => {
      for (const _ of events) arrivals.push(Date.now());
    });
    try {
      await eventually(() => expect(arrivals).toHaveLength(1)); // caught up and listening
      await sleep(100); // now parked on the 5 s poll
      const appendedAt = Date.now();
      await fx.store.append(streamId, [event(1)], { expectedVersion: 'any' });
      await eventually(() => expect(arrivals).toHaveLength(2), { timeoutMs: 4_000 });
      expect(arrivals[1]! - appendedAt).toBeLessThan(1_000);
    } finally {
      await subscription.stop();
    }
  });

  it('picks up a notified event once an older open transaction finishes, without waiting for the poll', async () => {
    const streamId = streamOf('account');
    await fx.store.append(streamId, [event(0)], { expectedVersion: 'any' });
    const seen: RecordedEvent[] = [];
    const subscription = fx.store.subscribe({ pollIntervalMs: 5_000 }, (events) => {
      seen.push(...events);
    });
    const blocker = await fx.pool.connect();
    try {
      await eventually(() => expect(seen).toHaveLength(1));
      // An unrelated transaction with an xid holds the readable horizon back; it never notifies.
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_current_xact_id()');
      await fx.store.append(streamId, [event(1)], { expectedVersion: 'any' });
      await sleep(300);
      expect(seen).toHaveLength(1);
      await blocker.query('COMMIT');
      const committedAt = Date.now();
      await eventually(() => expect(seen).toHaveLength(2), { timeoutMs: 4_000 });
      expect(Date.now() - committedAt).toBeLessThan(1_500);
    } finally {
      blocker.release();
      await subscription.stop();
    }
  });

  it('filters by category and resumes after a checkpoint', async () => {
    const account = streamOf('account');
    await fx.store.append(account, [event(1)], { expectedVersion: 'any' });
    const first = await fx.store.append(account, [event(2)], { expectedVersion: 'any' });
    await fx.store.append(streamOf('payment'), [event(99)], { expectedVersion: 'any' });
    await fx.store.append(account, [event(3)], { expectedVersion: 'any' });
    const seen: RecordedEvent[] = [];
    const subscription = fx.store.subscribe(
      {
        after: { transactionId: first.transactionId, position: first.position },
        categories: ['account'],
        pollIntervalMs: 50,
      },
      (events) => {
        seen.push(...events);
      },
    );
    try {
      await eventually(() => expect(seen).toHaveLength(1));
      await sleep(150);
      expect(seen.map((e) => e.data)).toEqual([{ n: 3 }]);
    } finally {
      await subscription.stop();
    }
  });

  it('stops on a handler error, reporting it, and releases its connection', async () => {
    await fx.store.append(streamOf('account'), [event(1)], { expectedVersion: 'any' });
    const reported: unknown[] = [];
    const subscription = fx.store.subscribe(
      { pollIntervalMs: 50, onError: (e) => reported.push(e) },
      () => {
        throw new Error('projector broke');
      },
    );
    await expect(subscription.done).rejects.toThrow('projector broke');
    expect(reported).toHaveLength(1);
    await eventually(() => expect(fx.pool.totalCount - fx.pool.idleCount).toBe(0));
  });

  it('stop() ends delivery and releases the listening connection', async () => {
    const streamId = streamOf('account');
    const seen: RecordedEvent[] = [];
    const subscription = fx.store.subscribe({ pollIntervalMs: 50 }, (events) => {
      seen.push(...events);
    });
    await fx.store.append(streamId, [event(1)], { expectedVersion: 'any' });
    await eventually(() => expect(seen).toHaveLength(1));
    await subscription.stop();
    await expect(subscription.done).resolves.toBeUndefined();
    await fx.store.append(streamId, [event(2)], { expectedVersion: 'any' });
    await sleep(200);
    expect(seen).toHaveLength(1);
    await eventually(() => expect(fx.pool.totalCount - fx.pool.idleCount).toBe(0));
  });
});
