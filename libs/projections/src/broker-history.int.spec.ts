import { eventually } from '@ledgerline/testing';
import { BrokerHistoryMismatch } from './broker-history';
import { readBalances } from './fixtures/balances';
import { balancesView } from './fixtures/balances-view';
import { deposits, recorded } from './fixtures/events';

describe('a projection whose checkpoints come from another broker history', () => {
  it('refuses to start, naming the partition, instead of dropping new messages', async () => {
    const { pg, t, table, projection, start, close } = await balancesView('hist', 2, 'silent');
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
      await close();
    }
  });
});
