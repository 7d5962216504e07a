import { eventually, uniqueName } from '@ledgerline/testing';
import { expectedBalances, readBalances } from './fixtures/balances';
import { balancesView } from './fixtures/balances-view';
import { deposits, recorded } from './fixtures/events';

describe('a Postgres projection', () => {
  it('applies events exactly once, however often Kafka redelivers them', async () => {
    const { pg, t, table, start: startView, close } = await balancesView('balances', 3);
    const events = deposits('acct', 5, 12).map(recorded);
    const head = events[events.length - 1]!;
    const start = (groupId?: string) =>
      startView({
        ...(groupId ? { groupId } : {}),
        headSource: () => Promise.resolve({ position: head.globalPosition, time: head.recordedAt }),
      });
    let projector = await start();
    try {
      const sent = await t.publish(events);
      const expected = expectedBalances(
        events.map((e) => ({ streamId: e.streamId, version: e.streamVersion, data: e.data })),
      );
      await eventually(async () => expect(await readBalances(pg.pool, table)).toEqual(expected));
      const status = await eventually(async () => {
        const s = await projector.status();
        expect(s.lag.events).toBe(0);
        return s;
      });
      expect(status.totals.applied).toBe(60);
      expect(status.lag.seconds).toBe(0);
      expect(status.lag.newestApplied?.position).toBe(head.globalPosition);
      expect(status.parked).toBe(0);

      // The relay re-sends after a crash: the same events again, at new offsets.
      await t.send(sent);
      await eventually(async () => expect((await projector.status()).totals.duplicates).toBe(60));
      expect(await readBalances(pg.pool, table)).toEqual(expected);

      // A new consumer group would start at offset 0: it seeks to the offsets applied in Postgres.
      await projector.stop();
      projector = await start(uniqueName('fresh-group'));
      const next = recorded({
        streamId: 'acct-s0',
        version: 13,
        type: 'Deposited',
        data: { amount: 1000 },
      });
      await t.publish([next]);
      await eventually(async () => expect((await projector.status()).totals.applied).toBe(1));
      expect((await projector.status()).totals.duplicates).toBe(0);
      expected[0] = {
        ...expected[0]!,
        balance: expected[0]!.balance + 1000,
        events: 13,
        last_version: 13,
      };
      expect(await readBalances(pg.pool, table)).toEqual(expected);

      // Lost offsets (as if the partition were replayed by hand): the stream versions still hold.
      await projector.stop();
      await pg.pool.query(`DELETE FROM "${pg.schema}".projection_offsets`);
      projector = await start(uniqueName('replay-group'));
      await eventually(async () => expect((await projector.status()).totals.duplicates).toBe(121));
      expect((await projector.status()).totals.applied).toBe(0);
      expect(await readBalances(pg.pool, table)).toEqual(expected);
    } finally {
      await projector.stop();
      await close();
    }
  });
});
