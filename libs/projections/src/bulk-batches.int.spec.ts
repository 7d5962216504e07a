import { createLogger } from '@ledgerline/logging';
import { eventually, isolatedPostgres, uniqueName } from '@ledgerline/testing';
import { balancesProjection, expectedBalances, readBalances } from './fixtures/balances';
import { deposits, recorded, testTopic } from './fixtures/events';
import { startProjector } from './projector';

const logger = createLogger({ service: 'projections-test', level: 'error' });

describe('a Postgres projection with a batch path', () => {
  it('applies live batches through it, and falls back to the handlers for a batch whose fold fails', async () => {
    // Given a projection with a bulk fold whose handlers count their calls, one event poison
    const pg = await isolatedPostgres('bulk_live');
    const t = await testTopic(2);
    const table = `"${pg.schema}".balances`;
    const handled: string[] = [];
    const poison = (e: { streamId: string; streamVersion: number }) =>
      e.streamId === 'acct-s2' && e.streamVersion === 4;
    const projection = balancesProjection({
      name: uniqueName('balances'),
      topics: [t.topic],
      table,
      onUnknownType: 'park',
      bulk: true,
      fails: poison,
      onEvent: (event) => handled.push(`${event.streamId}@${event.streamVersion}`),
    });
    const projector = await startProjector({
      projection,
      messaging: t.messaging,
      pool: pg.pool,
      schema: pg.schema,
      logger,
      retry: { attempts: 1, baseDelayMs: 5 },
      consumer: { sessionTimeoutMs: 6_000 },
    });
    try {
      // When healthy streams' events arrive, then the poison event's stream
      const healthy = deposits('acct', 2, 5).map(recorded);
      await t.publish(healthy);
      const fold = (list: typeof healthy) =>
        expectedBalances(
          list.map((e) => ({ streamId: e.streamId, version: e.streamVersion, data: e.data })),
        );
      // Then they are applied exactly as the handlers would, without running a handler
      await eventually(async () =>
        expect(await readBalances(pg.pool, table)).toEqual(fold(healthy)),
      );
      expect(handled).toEqual([]);
      expect((await projector.status()).totals.applied).toBe(10);

      const s2 = deposits('acct', 3, 5)
        .filter((e) => e.streamId === 'acct-s2')
        .map(recorded);
      await t.publish(s2);
      // Then the poison batch is applied again by the handlers: the poison event and the one
      // behind it are parked, everything before it is applied
      await eventually(async () => {
        const { totals } = await projector.status();
        expect([totals.parked, totals.waiting]).toEqual([1, 1]);
      });
      expect(await readBalances(pg.pool, table)).toEqual(
        fold([...healthy, ...s2.filter((e) => e.streamVersion < 4)]),
      );
      expect(handled).toContain('acct-s2@4');
    } finally {
      await projector.stop();
      await t.close();
      await pg.drop();
    }
  });
});
