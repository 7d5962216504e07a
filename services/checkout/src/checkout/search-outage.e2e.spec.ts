import { setTimeout as sleep } from 'node:timers/promises';
import { createSearchClient, type SearchClient } from '@ledgerline/search';
import { controlServerInBackground, eventually, servers } from '@ledgerline/testing';
import { type Platform, startPlatform } from '../fixtures/platform';

// Longer than the search client's 30 s request timeout, so requests in flight at the stop time out
// inside the outage as well.
const OUTAGE_MS = 40_000;
/** One checkout every 400 ms: a steady load well below what the platform sustains. */
const PACE_MS = 400;

type Phase = 'before' | 'outage' | 'restart' | 'after';

interface Checkout {
  readonly orderId: string;
  readonly phase: Phase;
  readonly placedAt: number;
  confirmedAt?: number;
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/** Marks orders confirmed as the Postgres orders view shows them (placed → confirmed). */
const watchConfirmations = (platform: Platform, checkouts: readonly Checkout[]) => {
  const timer = setInterval(() => {
    const open = checkouts.filter((c) => c.confirmedAt === undefined);
    if (open.length === 0) return;
    void platform.pool
      .query<{ order_id: string }>(
        `SELECT order_id FROM "${platform.schemas.read}".orders
          WHERE order_id = ANY($1) AND status = 'confirmed'`,
        [open.map((c) => c.orderId)],
      )
      .then(({ rows }) => {
        const now = Date.now();
        const confirmed = new Set(rows.map((r) => r.order_id));
        for (const c of open) if (confirmed.has(c.orderId)) c.confirmedAt = now;
      })
      .catch(() => undefined);
  }, 100);
  return () => clearInterval(timer);
};

/** The longest-open transaction (with a transaction id) of this platform, sampled each 500 ms. */
const watchTransactions = (platform: Platform) => {
  let longest = { seconds: 0, query: '' };
  const timer = setInterval(() => {
    void platform.pool
      .query<{ seconds: number; query: string }>(
        `SELECT extract(epoch FROM now() - xact_start)::float AS seconds, query
           FROM pg_stat_activity
          WHERE backend_xid IS NOT NULL AND query LIKE '%' || $1 || '%'
          ORDER BY xact_start LIMIT 1`,
        [platform.id],
      )
      .then(({ rows }) => {
        const row = rows[0];
        if (row && row.seconds > longest.seconds) longest = row;
      })
      .catch(() => undefined);
  }, 500);
  return { longest: () => longest, stop: () => clearInterval(timer) };
};

const searchStatuses = async (search: SearchClient, alias: string, ids: readonly string[]) => {
  await search.indices.refresh({ index: alias });
  const found = await search.search<{ status: string }>({
    index: alias,
    size: ids.length + 10,
    query: { ids: { values: [...ids] } },
  });
  return new Map(found.hits.hits.map((hit) => [hit._id!, hit._source!.status]));
};

describe('Elasticsearch stopped for 40 s under a steady checkout load', () => {
  it('keeps checkouts and the Postgres views at their normal latency, and search catches up after', async () => {
    const search = createSearchClient((await servers()).elasticsearchUrl);
    const platform = await startPlatform({ search });
    const transactions = watchTransactions(platform);
    const checkouts: Checkout[] = [];
    const stopWatching = watchConfirmations(platform, checkouts);
    let elasticsearchStopped = false;
    try {
      await platform.startCheckout();
      const merchant = await platform.openAccount('MERCHANT', 0);
      const customers = await Promise.all(
        [0, 1, 2, 3].map(() => platform.openAccount('CUSTOMER', 10_000_000)),
      );
      let phase: Phase = 'before';
      let placing = true;
      const load = (async () => {
        for (let n = 0; placing; n += 1) {
          const placedAt = Date.now();
          const orderPhase = phase;
          const orderId = await platform.placeOrder(customers[n % 4]!, merchant, 100);
          checkouts.push({ orderId, phase: orderPhase, placedAt });
          await sleep(Math.max(0, PACE_MS - (Date.now() - placedAt)));
        }
      })();

      await sleep(10_000);
      elasticsearchStopped = true;
      await controlServerInBackground('stop', 'elasticsearch');
      phase = 'outage';
      const outageStarted = Date.now();
      await sleep(OUTAGE_MS);
      phase = 'restart';
      const restartBegan = Date.now();
      await controlServerInBackground('start', 'elasticsearch');
      elasticsearchStopped = false;
      phase = 'after';
      await sleep(8_000);
      placing = false;
      await load;

      // Postgres views: every checkout confirmed.
      await eventually(
        () => expect(checkouts.filter((c) => c.confirmedAt === undefined)).toEqual([]),
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      const latency = (p: Phase) =>
        checkouts.filter((c) => c.phase === p).map((c) => c.confirmedAt! - c.placedAt);
      const figures = Object.fromEntries(
        (['before', 'outage', 'restart', 'after'] as const).map((p) => [
          p,
          {
            n: latency(p).length,
            p50: percentile(latency(p), 50),
            p99: percentile(latency(p), 99),
          },
        ]),
      );
      console.log(
        `placed → confirmed (ms): ${JSON.stringify(figures)}; longest transaction ` +
          `${transactions.longest().seconds.toFixed(2)} s`,
      );
      // Checkouts kept completing during the outage, at close to their normal latency.
      const early = checkouts.filter(
        (c) => c.phase === 'outage' && c.placedAt < outageStarted + OUTAGE_MS - 15_000,
      );
      expect(early.length).toBeGreaterThan(40);
      expect(early.filter((c) => c.confirmedAt! >= restartBegan)).toEqual([]);
      expect(figures['outage']!.p99).toBeLessThan(Math.max(5 * figures['before']!.p99, 5_000));
      expect(transactions.longest().seconds).toBeLessThan(5);
      const merchantBalance = await platform.balance(merchant);
      expect(merchantBalance?.balance).toBe(100 * checkouts.length);

      // Search caught up: every order searchable as confirmed, every payment as captured.
      const ids = checkouts.map((c) => c.orderId);
      await eventually(
        async () => {
          const statuses = await searchStatuses(search, platform.aliases.orders, ids);
          expect(ids.filter((id) => statuses.get(id) !== 'confirmed')).toEqual([]);
        },
        { timeoutMs: 120_000, intervalMs: 1_000 },
      );
      await eventually(
        async () => {
          await search.indices.refresh({ index: platform.aliases.payments });
          const captured = await search.count({
            index: platform.aliases.payments,
            query: { term: { status: 'captured' } },
          });
          expect(captured.count).toBe(checkouts.length);
        },
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );
    } finally {
      stopWatching();
      transactions.stop();
      if (elasticsearchStopped) await controlServerInBackground('start', 'elasticsearch');
      await platform.stop();
      await search.close();
    }
  }, 420_000);
});
