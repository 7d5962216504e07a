// Checkouts end to end: `npm run bench -- checkout [--seconds 20] [--rate N] [--peak-rate 600]`.
//
// The platform of the e2e tests (src/fixtures/platform.ts): the accounts, payments and orders
// command services with their relays and the balances/payments/orders projectors in this process,
// the checkout service as its own process, all on fresh schemas and prefixed topics. 400 customers
// with ample funds and 5 merchants. A checkout's time runs from its scheduled PlaceOrder to the
// moment the orders read model shows it confirmed (polled every 10 ms).
//
// 1. Peak: orders paced at --peak-rate for --seconds/2; checkouts confirmed per second.
// 2. Steady: orders paced at --rate (default 90% of the peak) for --seconds: checkouts/s and the
//    p50/p99 of the end-to-end time.
import { randomUUID } from 'node:crypto';
import { type Platform, startPlatform } from '../src/fixtures/platform';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return Number(at >= 0 ? process.argv[at + 1] : fallback);
};
const seconds = arg('seconds', 20);
const peakRate = arg('peak-rate', 600);
const fixedRate = arg('rate', 0);
const PLACERS = 48;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Watches the orders read model for confirmations of the orders it is told about. */
const confirmationWatcher = (platform: Platform) => {
  const pending = new Map<string, number>();
  const done: { orderId: string; at: number; latencyMs: number }[] = [];
  let cancelled = 0;
  let running = true;
  const loop = (async () => {
    while (running || pending.size > 0) {
      const ids = [...pending.keys()];
      if (ids.length > 0) {
        const { rows } = await platform.pool.query<{ order_id: string; status: string }>(
          `SELECT order_id, status FROM "${platform.schemas.read}".orders
           WHERE order_id = ANY($1) AND status IN ('confirmed', 'cancelled')`,
          [ids],
        );
        const now = performance.now();
        for (const row of rows) {
          const started = pending.get(row.order_id);
          pending.delete(row.order_id);
          if (row.status === 'cancelled') cancelled += 1;
          else if (started !== undefined)
            done.push({ orderId: row.order_id, at: now, latencyMs: now - started });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return {
    watch: (orderId: string, startedAt: number) => pending.set(orderId, startedAt),
    done,
    cancelled: () => cancelled,
    pending: () => pending.size,
    async stop(timeoutMs: number) {
      const until = performance.now() + timeoutMs;
      while (pending.size > 0 && performance.now() < until)
        await new Promise((resolve) => setTimeout(resolve, 50));
      running = false;
      pending.clear();
      await loop;
    },
  };
};

/** PlaceOrder on a fixed schedule totalling `rate`/s for `ms`; each order watched from its slot. */
const paced = async (
  platform: Platform,
  customers: readonly string[],
  merchants: readonly string[],
  rate: number,
  ms: number,
) => {
  const watcher = confirmationWatcher(platform);
  const interval = (PLACERS * 1000) / rate;
  const started = performance.now();
  let placed = 0;
  let n = 0;
  await Promise.all(
    Array.from({ length: PLACERS }, async (_, placer) => {
      for (let due = started + (placer * interval) / PLACERS; due < started + ms; due += interval) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const i = n++;
        const orderId = randomUUID();
        watcher.watch(orderId, due);
        await platform.clients.orders.placeOrder({
          orderId,
          customerId: randomUUID(),
          merchantId: randomUUID(),
          customerAccountId: customers[i % customers.length]!,
          merchantAccountId: merchants[i % merchants.length]!,
          currency: 'EUR',
          lines: [{ sku: 'SKU-1', description: 'A blue mug', quantity: 1, unitPriceMinor: '1000' }],
        });
        placed += 1;
      }
    }),
  );
  const placingMs = performance.now() - started;
  await watcher.stop(30_000);
  // Throughput over the placing window only (confirmations after it are the drain).
  const inWindow = watcher.done.filter((d) => d.at - started <= placingMs);
  const latencies = watcher.done.map((d) => d.latencyMs).sort((a, b) => a - b);
  return {
    placed,
    placedPerSecond: placed / (placingMs / 1000),
    confirmedPerSecond: inWindow.length / (placingMs / 1000),
    confirmed: watcher.done.length,
    cancelled: watcher.cancelled(),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
};

const main = async () => {
  const platform = await startPlatform();
  try {
    const checkout = await platform.startCheckout({ PG_POOL_SIZE: '30' });
    const customers: string[] = [];
    for (let i = 0; i < 400; i += 40)
      customers.push(
        ...(await Promise.all(
          Array.from({ length: 40 }, () => platform.openAccount('CUSTOMER', 100_000_000)),
        )),
      );
    const merchants = await Promise.all(
      Array.from({ length: 5 }, () => platform.openAccount('MERCHANT', 0)),
    );
    // Warm-up: connections, JIT, Kafka fetch sessions.
    await paced(platform, customers, merchants, 50, 2_000);

    const peak = await paced(platform, customers, merchants, peakRate, (seconds * 1000) / 2);
    const rate = fixedRate > 0 ? fixedRate : Math.floor(peak.confirmedPerSecond * 0.9);
    const steady = await paced(platform, customers, merchants, rate, seconds * 1000);
    await checkout.kill('SIGTERM');

    const f = (n: number) => n.toFixed(0);
    console.log(
      `\ncheckout: ${new Date().toISOString()}, ${seconds} s steady window, ${PLACERS} placers`,
    );
    console.log('| measure | value |');
    console.log('| --- | --- |');
    console.log(
      `| peak: paced at ${peakRate}/s, placed ${f(peak.placedPerSecond)}/s | ${f(peak.confirmedPerSecond)} checkouts/s confirmed (p50 ${f(peak.p50)} ms, p99 ${f(peak.p99)} ms) |`,
    );
    console.log(
      `| steady: paced at ${rate}/s, placed ${f(steady.placedPerSecond)}/s | ${f(steady.confirmedPerSecond)} checkouts/s confirmed |`,
    );
    console.log(
      `| steady: order placed → confirmed in the read model, p50 / p99 | ${f(steady.p50)} ms / ${f(steady.p99)} ms |`,
    );
    console.log(
      `| steady: checkouts confirmed / cancelled / placed | ${steady.confirmed} / ${steady.cancelled} / ${steady.placed} |`,
    );
  } finally {
    await platform.stop();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
