import { eventually } from '@ledgerline/testing';
import { expectedBalances, readBalances } from './fixtures/balances';
import { balancesView } from './fixtures/balances-view';
import { deposits, recorded } from './fixtures/events';

describe('a new projection started at the latest offsets', () => {
  it('skips the topic’s history once, and never what arrives while it is down', async () => {
    const { pg, t, table, start: startView, close } = await balancesView('start', 3);
    const start = () => startView({ startAt: 'latest' });
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
      await close();
    }
  });
});
