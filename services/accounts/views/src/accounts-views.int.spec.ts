import { type RecordedEvent } from '@ledgerline/event-store';
import { uniqueName } from '@ledgerline/testing';
import { type Pool } from 'pg';
import { accountBalancesProjection } from './balances/projection';
import { getBalance } from './balances/queries';
import { accountScript } from './fixtures/accounts';
import { postgresView, viewHarness } from '@ledgerline/testing-projections';
import { transactionHistoryProjection } from './history/projection';
import { listTransactions } from './history/queries';
import { type TransactionRow } from './history/transaction-row';

const tablesIn = (schema: string) => ({
  balances: { balances: `${schema}.balances_v1` },
  history: { transactions: `${schema}.transactions_v1`, heads: `${schema}.history_heads_v1` },
});

/** Both account views, reading the same topic into the same schema. */
const accountViews = async () => {
  const harness = await viewHarness('accounts_views', (topic, schema) => [
    postgresView(
      accountBalancesProjection({
        name: uniqueName('balances'),
        topics: [topic],
        tables: tablesIn(schema).balances,
      }),
    ),
    postgresView(
      transactionHistoryProjection({
        name: uniqueName('history'),
        topics: [topic],
        tables: tablesIn(schema).history,
      }),
    ),
  ]);
  return {
    ...harness,
    tables: tablesIn(harness.schema),
    publish: (...events: RecordedEvent[][]) => harness.publish(events.flat()),
  };
};

type Views = Awaited<ReturnType<typeof accountViews>>;

const withViews = async (test: (views: Views) => Promise<void>) => {
  const views = await accountViews();
  try {
    await test(views);
  } finally {
    await views.close();
  }
};

const everyPage = async (views: Views, accountId: string, limit: number) => {
  const pages: TransactionRow[][] = [];
  let before: number | undefined;
  for (;;) {
    const page = await listTransactions(views.pool, views.tables.history, {
      accountId,
      limit,
      before,
    });
    pages.push([...page.transactions]);
    if (page.nextBefore === null) return pages;
    before = page.nextBefore;
  }
};

const dump = async (pool: Pool, table: string, order: string): Promise<unknown[]> =>
  (await pool.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${order}`)).rows;

describe('the accounts views', () => {
  it('show balance, reserved, available and status as the deciders left each account', () =>
    withViews(async (views) => {
      const busy = accountScript();
      const closed = accountScript();
      const rejectedOnly = accountScript();
      await views.publish(
        busy.open(),
        closed.open(),
        busy.deposit(10_000, 'salary'),
        busy.reserve('01J0000000000000000000RES1', 2_500),
        closed.close(),
        busy.capture('01J0000000000000000000RES1'),
        busy.reserve('01J0000000000000000000RES2', 1_000),
        busy.release('01J0000000000000000000RES2'),
        busy.withdraw(1_500),
        busy.credit(300, 'refund 42'),
        busy.debit(200, 'monthly fee'),
        busy.reserve('01J0000000000000000000RES3', 600),
        rejectedOnly.open(),
        rejectedOnly.reserve('01J0000000000000000000RES4', 1),
        busy.freeze('fraud review'),
      );

      expect(await getBalance(views.pool, views.tables.balances, busy.accountId)).toMatchObject({
        accountId: busy.accountId,
        kind: 'customer',
        currency: 'USD',
        balance: 10_000 - 2_500 - 1_500 + 300 - 200,
        reserved: 600,
        available: 6_100 - 600,
        status: 'frozen',
        frozenReason: 'fraud review',
        streamVersion: 11,
      });
      expect(await getBalance(views.pool, views.tables.balances, closed.accountId)).toMatchObject({
        balance: 0,
        status: 'closed',
        streamVersion: 2,
      });
      // A rejected reservation moves no money but still advances the row's stream version.
      expect(
        await getBalance(views.pool, views.tables.balances, rejectedOnly.accountId),
      ).toMatchObject({ balance: 0, reserved: 0, available: 0, status: 'open', streamVersion: 2 });
      expect(
        await getBalance(views.pool, views.tables.balances, 'no-such-account'),
      ).toBeUndefined();

      const history = (await everyPage(views, busy.accountId, 100)).flat();
      expect(history.map((t) => [t.type, t.amount, t.reservedChange, t.balanceAfter])).toEqual([
        ['FundsReserved', 0, 600, 6_100],
        ['FundsDebited', -200, 0, 6_100],
        ['FundsCredited', 300, 0, 6_300],
        ['FundsWithdrawn', -1_500, 0, 6_000],
        ['ReservationReleased', 0, -1_000, 7_500],
        ['FundsReserved', 0, 1_000, 7_500],
        ['ReservationCaptured', -2_500, -2_500, 7_500],
        ['FundsReserved', 0, 2_500, 10_000],
        ['FundsDeposited', 10_000, 0, 10_000],
      ]);
      // The signed amounts add up to the balance, the reserved changes to what is reserved.
      expect(history.reduce((sum, t) => sum + t.amount, 0)).toBe(6_100);
      expect(history.reduce((sum, t) => sum + t.reservedChange, 0)).toBe(600);
      expect(history.find((t) => t.type === 'FundsDebited')?.reference).toBe('monthly fee');
      expect(history.find((t) => t.type === 'ReservationCaptured')?.reservationId).toBe(
        '01J0000000000000000000RES1',
      );
      expect(await everyPage(views, rejectedOnly.accountId, 10)).toEqual([[]]);
      // The history's own head: its last event (a freeze, no money) counts for consistency tokens.
      const newest = await listTransactions(views.pool, views.tables.history, {
        accountId: busy.accountId,
        limit: 1,
      });
      expect(newest.streamVersion).toBe(11);
      expect(newest.transactions[0]!.streamVersion).toBe(10);
      expect(
        (
          await listTransactions(views.pool, views.tables.history, {
            accountId: rejectedOnly.accountId,
            limit: 1,
          })
        ).streamVersion,
      ).toBe(2);
      expect(
        (
          await listTransactions(views.pool, views.tables.history, {
            accountId: 'nobody',
            limit: 1,
          })
        ).streamVersion,
      ).toBeNull();
    }));

  it('pages history newest first by stream version, with no gap or duplicate while events arrive', () =>
    withViews(async (views) => {
      const account = accountScript();
      const opened = account.open();
      const deposits = Array.from({ length: 23 }, (_, i) => account.deposit(i + 1));
      await views.publish(opened, ...deposits);

      const first = await listTransactions(views.pool, views.tables.history, {
        accountId: account.accountId,
        limit: 10,
      });
      expect(first.transactions.map((t) => t.amount)).toEqual([
        23, 22, 21, 20, 19, 18, 17, 16, 15, 14,
      ]);
      expect(first.nextBefore).toBe(15);

      // Newer events land between two page reads: the next page still starts where the first ended.
      await views.publish(account.deposit(1_000), account.withdraw(500));
      const rest: TransactionRow[] = [];
      let before = first.nextBefore ?? undefined;
      while (before !== undefined) {
        const page = await listTransactions(views.pool, views.tables.history, {
          accountId: account.accountId,
          limit: 10,
          before,
        });
        expect(page.transactions.length).toBeLessThanOrEqual(10);
        rest.push(...page.transactions);
        before = page.nextBefore ?? undefined;
      }
      expect(rest.map((t) => t.amount)).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      expect(rest.map((t) => t.streamVersion)).toEqual(
        Array.from({ length: 13 }, (_, i) => 14 - i),
      );

      // A last page that is exactly full says so: no empty page after it.
      const exact = await everyPage(views, account.accountId, 25);
      expect(exact.map((p) => p.length)).toEqual([25]);
      expect(exact[0]![0]).toMatchObject({
        type: 'FundsWithdrawn',
        amount: -500,
        balanceAfter: 776,
      });
      await expect(
        listTransactions(views.pool, views.tables.history, { accountId: 'x', limit: 0 }),
      ).rejects.toThrow(RangeError);
    }));

  it('change nothing when every event is delivered again, with or without checkpoints', () =>
    withViews(async (views) => {
      const a = accountScript();
      const b = accountScript();
      const early = [...a.open(), ...b.open(), ...a.deposit(5_000), ...b.deposit(700)];
      await views.publish(
        early,
        a.reserve('01J0000000000000000000RES5', 1_200),
        b.withdraw(100),
        a.capture('01J0000000000000000000RES5'),
        b.freeze('chargeback'),
      );
      const snapshot = async () => ({
        balances: await dump(views.pool, views.tables.balances.balances, 'account_id'),
        history: await dump(
          views.pool,
          views.tables.history.transactions,
          'account_id, stream_version',
        ),
        heads: await dump(views.pool, views.tables.history.heads, 'account_id'),
      });
      const before = await snapshot();
      expect(before.history).toHaveLength(5);

      // The relay re-sends everything at new offsets: the runtime sees the versions, applies none.
      await views.republish();
      for (const projector of views.projectors()) {
        const status = await projector.status();
        expect(status.totals).toMatchObject({ applied: 8, duplicates: 8 });
      }
      expect(await snapshot()).toEqual(before);

      // Checkpoints lost and the early events replayed: they reach the handlers again, and the
      // rows' own stream versions keep the balances from going back to what they were then.
      await views.replayWithLostState(early);
      for (const projector of views.projectors())
        expect((await projector.status()).totals.applied).toBe(early.length);
      expect(await snapshot()).toEqual(before);
    }));
});
