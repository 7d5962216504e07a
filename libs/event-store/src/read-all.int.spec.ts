import { eventually } from '@ledgerline/testing';

import { START, type Checkpoint, type NewEvent, type RecordedEvent } from './index';
import { migratedStore, streamOf, type StoreFixture } from './store.fixture';

const event = (data: Record<string, unknown>): NewEvent => ({ type: 'Tested', data });

/** Pages through the whole readable log after `after`. */
const readToEnd = async (
  fx: StoreFixture,
  after: Checkpoint = START,
): Promise<{ events: RecordedEvent[]; checkpoint: Checkpoint }> => {
  const events: RecordedEvent[] = [];
  let checkpoint = after;
  for (;;) {
    const page = await fx.store.readAll({ after: checkpoint, limit: 97 });
    if (page.events.length === 0) return { events, checkpoint };
    events.push(...page.events);
    checkpoint = page.checkpoint;
  }
};

const expectPerStreamOrder = (events: readonly RecordedEvent[]): void => {
  const last = new Map<string, number>();
  for (const e of events) {
    expect(e.streamVersion).toBe((last.get(e.streamId) ?? 0) + 1);
    last.set(e.streamId, e.streamVersion);
  }
};

describe('readAll, the gap-safe global log', () => {
  let fx: StoreFixture;
  beforeEach(async () => {
    fx = await migratedStore();
  });
  afterEach(() => fx.drop());

  it('32 concurrent writers on 4 hot streams, some rolled back: no holes, each committed event once, in stream order', async () => {
    const streams = [1, 2, 3, 4].map(() => streamOf('hot'));
    const writers = 32;
    const appendsEach = 25;
    let writing = true;
    const committed = new Set<string>();

    // A reader tails the log while the writers run; it must never skip anything.
    const tailed: RecordedEvent[] = [];
    const tail = (async () => {
      let checkpoint = START;
      const deadline = Date.now() + 30_000;
      while (writing || (tailed.length < committed.size && Date.now() < deadline)) {
        const page = await fx.store.readAll({ after: checkpoint, limit: 50 });
        tailed.push(...page.events);
        checkpoint = page.checkpoint;
        if (page.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < appendsEach; i++) {
          const streamId = streams[(w + i) % streams.length]!;
          const batch = [event({ w, i, n: 0 }), ...(i % 3 === 0 ? [event({ w, i, n: 1 })] : [])];
          if (i % 5 === 4) {
            // A transaction that appends and then rolls back leaves a hole in the sequence.
            const client = await fx.pool.connect();
            try {
              await client.query('BEGIN');
              await fx.store.appendInTransaction(client, streamId, batch, {
                expectedVersion: 'any',
              });
              await client.query('ROLLBACK');
            } finally {
              client.release();
            }
          } else {
            const result = await fx.store.append(streamId, batch, { expectedVersion: 'any' });
            for (const e of result.events) committed.add(e.eventId);
          }
        }
      }),
    );
    writing = false;
    await tail;

    const all = await eventually(async () => {
      const { events } = await readToEnd(fx);
      expect(events).toHaveLength(committed.size);
      return events;
    });
    expect(all.map((e) => e.eventId).sort()).toEqual([...committed].sort());
    expect(new Set(all.map((e) => e.eventId)).size).toBe(all.length);
    expectPerStreamOrder(all);
    for (const streamId of streams) {
      const versions = (await fx.store.readStream(streamId)).map((e) => e.streamVersion);
      expect(versions).toEqual(versions.map((_, index) => index + 1));
    }
    // The tailing reader saw exactly the same log, in the same order.
    expect(tailed.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
    // And the rollbacks really did leave holes in the global positions.
    const positions = all.map((e) => e.globalPosition).sort((a, b) => a - b);
    expect(positions[positions.length - 1]! - positions[0]! + 1).toBeGreaterThan(all.length);
  }, 60_000);

  it('holds back a later commit while an earlier transaction is open, then delivers both once', async () => {
    const start = await fx.store.headCheckpoint();
    const slow = streamOf('order');
    const fast = streamOf('order');
    const client = await fx.pool.connect();
    try {
      await client.query('BEGIN');
      const t1 = await fx.store.appendInTransaction(client, slow, [event({ t: 1 })], {
        expectedVersion: 'no_stream',
      });
      const t2 = await fx.store.append(fast, [event({ t: 2 })], { expectedVersion: 'no_stream' });
      expect(t1.position).toBeLessThan(t2.position);

      // A naive reader ordered by position alone would hand out T2 now and later skip T1.
      const { rows } = await fx.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${fx.schema}".events WHERE global_position > $1`,
        [t1.position],
      );
      expect(Number(rows[0]!.n)).toBe(1);
      // The gap-safe reader does not.
      const during = await fx.store.readAll({ after: start });
      expect(during.events).toEqual([]);
      expect(during.checkpoint).toEqual(start);

      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const seen = await eventually(async () => {
      const { events } = await readToEnd(fx, start);
      expect(events).toHaveLength(2);
      return events;
    });
    expect(seen.map((e) => e.streamId)).toEqual([slow, fast]);
  });

  it('is not stalled by a rolled-back transaction', async () => {
    const start = await fx.store.headCheckpoint();
    const client = await fx.pool.connect();
    try {
      await client.query('BEGIN');
      await fx.store.appendInTransaction(client, streamOf('order'), [event({ doomed: true })], {
        expectedVersion: 'any',
      });
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    const kept = await fx.store.append(streamOf('order'), [event({ kept: true })], {
      expectedVersion: 'any',
    });
    const events = await eventually(async () => {
      const page = await fx.store.readAll({ after: start });
      expect(page.events).toHaveLength(1);
      return page.events;
    });
    expect(events[0]!.eventId).toBe(kept.events[0]!.eventId);
  });

  it('filters by category and reports the head for lag', async () => {
    await fx.store.append(streamOf('account'), [event({ a: 1 })], { expectedVersion: 'any' });
    const payment = await fx.store.append(streamOf('payment'), [event({ p: 1 })], {
      expectedVersion: 'any',
    });
    await fx.store.append(streamOf('account'), [event({ a: 2 })], { expectedVersion: 'any' });
    const payments = await eventually(async () => {
      const page = await fx.store.readAll({ categories: ['payment'] });
      expect(page.events).toHaveLength(1);
      return page;
    });
    expect(payments.checkpoint).toEqual({
      transactionId: payment.transactionId,
      position: payment.position,
    });
    const head = await eventually(async () => {
      const h = await fx.store.headCheckpoint();
      expect(h.position).toBe(await fx.store.headPosition());
      return h;
    });
    const { events } = await readToEnd(fx);
    expect(events).toHaveLength(3);
    expect(head).toEqual({
      transactionId: events[2]!.transactionId,
      position: events[2]!.globalPosition,
    });
  });
});
