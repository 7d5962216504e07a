import { compareCheckpoints, type RecordedEvent } from '@ledgerline/event-store';
import { createLogger } from '@ledgerline/logging';
import { eventually, isolatedPostgres, uniqueName } from '@ledgerline/testing';
import { balancesProjection } from './fixtures/balances';
import { recorded, testTopic } from './fixtures/events';
import { startProjector } from './projector';
import { RuntimeState } from './runtime-state';

const logger = createLogger({ service: 'projections-test', level: 'silent' });

const greatestPerPartition = (
  events: readonly RecordedEvent[],
  partitionOf: ReadonlyMap<string, number>,
) => {
  const greatest = new Map<number, { transactionId: string; position: number }>();
  for (const e of events) {
    const partition = partitionOf.get(e.streamId)!;
    const checkpoint = { transactionId: e.transactionId, position: e.globalPosition };
    const current = greatest.get(partition);
    if (!current || compareCheckpoints(checkpoint, current) > 0)
      greatest.set(partition, checkpoint);
  }
  return greatest;
};

describe('the checkpoints a projector records per partition', () => {
  it('keep the greatest checkpoint at or below the applied offset, parked events included, and report applied versions per batch', async () => {
    const pg = await isolatedPostgres('projckpt');
    const t = await testTopic(2);
    const table = `"${pg.schema}".balances`;
    const name = uniqueName('ckpt');
    const batches: { partition: number; applied: ReadonlyMap<string, number> }[] = [];
    const projector = await startProjector({
      projection: balancesProjection({
        name,
        topics: [t.topic],
        table,
        fails: (e) => e.streamId === 'ck-poison',
      }),
      messaging: t.messaging,
      pool: pg.pool,
      schema: pg.schema,
      logger,
      retry: { attempts: 1, baseDelayMs: 1 },
      consumer: { sessionTimeoutMs: 6_000 },
      onBatch: ({ partition, applied }) => batches.push({ partition, applied }),
    });
    try {
      const streams = ['ck-a', 'ck-b', 'ck-c', 'ck-d', 'ck-poison'];
      const events = [1, 2, 3].flatMap((version) =>
        streams.map((streamId) =>
          recorded({ streamId, version, type: 'Deposited', data: { amount: 1 } }),
        ),
      );
      const sent = await t.publish(events);
      // A relay re-send: the same events at new offsets must not lower the recorded checkpoint.
      await t.send(sent.slice(0, 5));
      const state = new RuntimeState(pg.schema);
      const rows = await eventually(async () => {
        const offsets = await state.appliedOffsets(pg.pool, name);
        const total = offsets.reduce((sum, row) => sum + Number(row.offset) + 1, 0);
        expect(total).toBe(events.length + 5);
        return offsets;
      });
      const partitionOf = new Map<string, number>();
      for (const row of await state.listParked(pg.pool, name))
        partitionOf.set(row.streamId, row.partition);
      for (const batch of batches)
        for (const streamId of batch.applied.keys()) partitionOf.set(streamId, batch.partition);
      expect([...partitionOf.keys()].sort()).toEqual([...streams].sort());

      const expected = greatestPerPartition(events, partitionOf);
      for (const row of rows) expect(row.checkpoint).toEqual(expected.get(row.partition));

      const appliedVersions = new Map<string, number>();
      for (const batch of batches)
        for (const [streamId, version] of batch.applied)
          appliedVersions.set(streamId, Math.max(appliedVersions.get(streamId) ?? 0, version));
      expect(Object.fromEntries(appliedVersions)).toEqual({
        'ck-a': 3,
        'ck-b': 3,
        'ck-c': 3,
        'ck-d': 3,
      });
    } finally {
      await projector.stop();
      await t.close();
      await pg.drop();
    }
  });
});
