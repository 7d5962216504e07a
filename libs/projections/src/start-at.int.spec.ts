import { createLogger } from '@ledgerline/logging';
import { eventually, isolatedPostgres, uniqueName } from '@ledgerline/testing';
import { balancesProjection, expectedBalances, readBalances } from './fixtures/balances';
import { deposits, recorded, testTopic } from './fixtures/events';
import { startProjector } from './projector';

const logger = createLogger({ service: 'projections-test', level: 'warn' });

describe('a new projection started at the latest offsets', () => {
  it('skips the topic’s history once, and never what arrives while it is down', async () => {
    const pg = await isolatedPostgres('proj_start');
    const t = await testTopic(3);
    const table = `"${pg.schema}".balances`;
    const projection = balancesProjection({ name: uniqueName('late'), topics: [t.topic], table });
    const start = () =>
      startProjector({
        projection,
        messaging: t.messaging,
        pool: pg.pool,
        schema: pg.schema,
        logger,
        startAt: 'latest',
        consumer: { sessionTimeoutMs: 6_000 },
      });
    const history = deposits('old', 6, 4).map(recorded);
    await t.publish(history);
    let projector = await start();
    try {
      const fresh = deposits('new', 3, 2).map(recorded);
      await t.publish(fresh);
      const asFacts = (events: typeof fresh) =>
        events.map((e) => ({ streamId: e.streamId, version: e.streamVersion, data: e.data }));
      await eventually(async () =>
        expect(await readBalances(pg.pool, table)).toEqual(expectedBalances(asFacts(fresh))),
      );
      expect((await projector.status()).totals.applied).toBe(fresh.length);

      // Down for a while: what was published meanwhile is applied after the restart.
      await projector.stop();
      const whileDown = deposits('down', 2, 3).map(recorded);
      await t.publish(whileDown);
      projector = await start();
      await eventually(async () =>
        expect(await readBalances(pg.pool, table)).toEqual(
          expectedBalances(asFacts([...fresh, ...whileDown])),
        ),
      );
      expect((await projector.status()).totals.applied).toBe(whileDown.length);
    } finally {
      await projector.stop();
      await t.close();
      await pg.drop();
    }
  });
});
