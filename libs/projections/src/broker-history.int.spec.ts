import { createLogger } from '@ledgerline/logging';
import { eventually, isolatedPostgres, uniqueName } from '@ledgerline/testing';
import { BrokerHistoryMismatch } from './broker-history';
import { balancesProjection, readBalances } from './fixtures/balances';
import { deposits, recorded, testTopic } from './fixtures/events';
import { startProjector } from './projector';

const logger = createLogger({ service: 'projections-test', level: 'silent' });

describe('a projection whose checkpoints come from another broker history', () => {
  it('refuses to start, naming the partition, instead of dropping new messages', async () => {
    const pg = await isolatedPostgres('proj_hist');
    const t = await testTopic(2);
    const table = `"${pg.schema}".balances`;
    const projection = balancesProjection({ name: uniqueName('hist'), topics: [t.topic], table });
    const start = () =>
      startProjector({
        projection,
        messaging: t.messaging,
        pool: pg.pool,
        schema: pg.schema,
        logger,
        consumer: { sessionTimeoutMs: 6_000 },
      });
    try {
      const projector = await start();
      await t.publish(deposits('acct', 2, 3).map(recorded));
      await eventually(async () => expect(await readBalances(pg.pool, table)).toHaveLength(2));
      await projector.stop();

      // The view's database outlived the broker: its checkpoint lies past the topic's end.
      const { rows } = await pg.pool.query<{ partition: number }>(
        `UPDATE "${pg.schema}".projection_offsets SET "offset" = "offset" + 500
          WHERE projection = $1 AND "offset" >= 0 RETURNING partition`,
        [projection.name],
      );
      expect(rows.length).toBeGreaterThan(0);
      const refused = start();
      await expect(refused).rejects.toBeInstanceOf(BrokerHistoryMismatch);
      await expect(refused).rejects.toThrow(
        new RegExp(`projection ${projection.name}: applied offset \\d+ of ${t.topic}/\\d is past`),
      );
    } finally {
      await t.close();
      await pg.drop();
    }
  });
});
