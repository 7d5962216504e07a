// Checkouts end to end: `npm run bench -- checkout [--seconds 20] [--rate N] [--loops 64] [--burst N]
// [--views orders]`.
//
// Every part in its own process, as in production: the accounts, payments and orders command
// services (each with its relay, bench/service.process.ts), the read models (the balances,
// payments and orders projectors, bench/views.process.ts; `--views orders` runs only the orders
// one) and the checkout service (src/main.ts), on fresh schemas and prefixed topics. 400 customers
// (--customers N; fewer means more orders queue on the same account)
// with ample funds and 5 merchants. A checkout's time runs from its scheduled PlaceOrder to the
// moment the orders read model shows it confirmed (polled every 10 ms). The checkout service takes
// its settings from the environment (e.g. COMMAND_DEADLINE_MS, SAGA_COMMANDS_IN_FLIGHT).
//
// 1. Peak: --loops closed loops (place an order, wait until it shows confirmed) for --seconds/2.
// 2. Steady: orders paced at --rate (default 90% of the peak) for --seconds: checkouts/s and the
//    p50/p99 of the end-to-end time.
// 3. Burst (--burst N): N orders placed at once; the drain's goodput (checkouts ended per second)
//    against the steady rate, and the saga's command attempts per step (bench/burst.ts).
// 4. Sweep (--sweep 25,50,75,100,125, percentages of the peak): orders paced at each rate for
//    --sweep-seconds (default 10): p50/p99 against the offered rate, the throughput–latency curve.
// The last line of output is the machine-readable result (`BENCH_JSON {…}`, @ledgerline/bench).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createAccountsClient } from '@ledgerline/accounts-client';
import { categoryTopicSpec, topicForCategory } from '@ledgerline/cloud-events';
import { createKafkaMessaging, namespacedMessaging } from '@ledgerline/messaging';
import { createOrdersClient, type OrdersClient } from '@ledgerline/orders-client';
import { deadLetterTopic } from '@ledgerline/projections';
import { startProcess, type TestProcess, uniqueName } from '@ledgerline/testing';
import { type CurvePoint, emitResult, figure, type Figure } from '@ledgerline/bench';
import { Pool } from 'pg';
import { runBurst } from './burst';
import { confirmationWatcher, percentile } from './watch';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return Number(at >= 0 ? process.argv[at + 1] : fallback);
};
const seconds = arg('seconds', 20);
const loops = arg('loops', 64);
const viewsArg = process.argv.indexOf('--views');
const views = viewsArg >= 0 ? process.argv[viewsArg + 1]! : 'balances,payments,orders';
const postgresUrl = process.env['POSTGRES_URL'];
const kafkaBrokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
if (!postgresUrl) throw new Error('checkout.bench: POSTGRES_URL is not set');
const fixedRate = arg('rate', 0);
const burstOrders = arg('burst', 0);
const customerCount = arg('customers', 400);
const PLACERS = 48;
const sweepArg = process.argv.indexOf('--sweep');
const sweep = sweepArg >= 0 ? (process.argv[sweepArg + 1] ?? '').split(',').map(Number) : [];
const sweepSeconds = arg('sweep-seconds', 10);
if (sweep.some((percent) => !(percent > 0)))
  throw new Error('checkout.bench: --sweep takes percentages of the peak, e.g. 25,50,100');

interface Bench {
  readonly orders: OrdersClient;
  readonly pool: Pool;
  readonly readSchema: string;
}

/** One order of one €10 mug, from `customer` to `merchant` (their accounts). */
const placeOrder = (bench: Bench, orderId: string, customer: string, merchant: string) =>
  bench.orders.placeOrder({
    orderId,
    customerId: randomUUID(),
    merchantId: randomUUID(),
    customerAccountId: customer,
    merchantAccountId: merchant,
    currency: 'EUR',
    lines: [{ sku: 'SKU-1', description: 'A blue mug', quantity: 1, unitPriceMinor: '1000' }],
  });

/** PlaceOrder on a fixed schedule totalling `rate`/s for `ms`; each order watched from its slot. */
const paced = async (
  bench: Bench,
  customers: readonly string[],
  merchants: readonly string[],
  rate: number,
  ms: number,
) => {
  const watcher = confirmationWatcher(bench.pool, bench.readSchema);
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
        await placeOrder(
          bench,
          orderId,
          customers[i % customers.length]!,
          merchants[i % merchants.length]!,
        );
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
    orderIds: watcher.done.map((d) => d.orderId),
  };
};

/**
 * Where a checkout's time goes, from the stored timestamps (PostgreSQL's clock): OrderPlaced
 * committed → its saga started (relay, Kafka, consumer), saga started → ConfirmOrder's outcome
 * recorded (the steps over gRPC), p50 of each; and the saga writes per checkout (history entries
 * written by one statement share its timestamp).
 */
const stages = async (
  pool: Pool,
  schemas: { orders: string; sagas: string },
  orderIds: readonly string[],
) => {
  const writes = await pool.query<{ writes: number }>(
    `SELECT count(DISTINCT (saga_id, recorded_at))::float / greatest(1, count(DISTINCT saga_id)) AS writes
     FROM "${schemas.sagas}".saga_history WHERE saga_id = ANY($1)`,
    [orderIds],
  );
  const { rows } = await pool.query<{ to_saga: number; saga: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h1.recorded_at - e.recorded_at) * 1000) AS to_saga,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h2.recorded_at - h1.recorded_at) * 1000) AS saga
     FROM "${schemas.orders}".events e
     JOIN "${schemas.sagas}".saga_history h1 ON h1.saga_id = e.data->>'orderId' AND h1.version = 1
     JOIN "${schemas.sagas}".saga_history h2 ON h2.saga_id = h1.saga_id AND h2.input_id = 'reply:confirm-order:1'
     WHERE e.event_type = 'OrderPlaced' AND e.data->>'orderId' = ANY($1)`,
    [orderIds],
  );
  return { ...rows[0]!, writes: writes.rows[0]?.writes ?? NaN };
};

/** `loops` customers each placing an order and waiting for its confirmation, for `ms`. */
const closedLoop = async (
  bench: Bench,
  customers: readonly string[],
  merchants: readonly string[],
  loops: number,
  ms: number,
) => {
  const watcher = confirmationWatcher(bench.pool, bench.readSchema);
  const started = performance.now();
  let n = 0;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (performance.now() < started + ms) {
        const i = n++;
        const orderId = randomUUID();
        const settled = watcher.settled(orderId);
        watcher.watch(orderId, performance.now());
        await placeOrder(
          bench,
          orderId,
          customers[i % customers.length]!,
          merchants[i % merchants.length]!,
        );
        await settled;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  await watcher.stop(30_000);
  const latencies = watcher.done.map((d) => d.latencyMs).sort((a, b) => a - b);
  return {
    confirmedPerSecond: watcher.done.length / (elapsedMs / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
};

/** CPU seconds (user + system) a process used so far, from /proc (Linux). */
const cpuSeconds = (pid: number | undefined): number => {
  if (pid === undefined) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const portOf = async (child: TestProcess, pattern: RegExp): Promise<number> =>
  Number(pattern.exec(await child.waitForOutput(pattern, 30_000))?.[1]);

const main = async () => {
  const startedAt = new Date().toISOString();
  const id = uniqueName('cobench');
  const prefix = `${id}.`;
  const schemas = {
    accounts: `${id}_accounts`,
    payments: `${id}_payments`,
    orders: `${id}_orders`,
    read: `${id}_read`,
    sagas: `${id}_sagas`,
  };
  const messaging = namespacedMessaging(
    createKafkaMessaging({ brokers: kafkaBrokers.split(','), clientId: 'checkout-bench' }),
    prefix,
  );
  const admin = await messaging.admin();
  const categories = ['account', 'payment', 'order'];
  await admin.ensureTopics(categories.map((c) => categoryTopicSpec(c)));
  // A new topic's partitions take a moment to have leaders; consumers fail before that.
  for (const category of categories) {
    for (let tries = 0; ; tries += 1) {
      const offsets = await admin.latestOffsets(topicForCategory(category)).catch(() => []);
      if (offsets.length === 6 || tries > 50) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const pool = new Pool({ connectionString: postgresUrl, max: 4 });
  const children: TestProcess[] = [];
  const common = {
    POSTGRES_URL: postgresUrl,
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_TOPIC_PREFIX: prefix,
  };
  try {
    const ports: Record<string, number> = {};
    for (const name of ['accounts', 'payments', 'orders'] as const) {
      const child = await startProcess('services/checkout/bench/service.process.ts', {
        ...common,
        BENCH_SERVICE: name,
        BENCH_SCHEMA: schemas[name],
        PG_POOL_SIZE: '10',
        GRPC_PORT: '0',
        LOG_LEVEL: 'warn',
      });
      children.push(child);
      ports[name] = await portOf(child, /bench service \w+ on port (\d+)/);
    }
    const viewsProcess = await startProcess('services/checkout/bench/views.process.ts', {
      ...common,
      BENCH_READ_SCHEMA: schemas.read,
      BENCH_NAME: id,
      BENCH_VIEWS: views,
    });
    children.push(viewsProcess);
    await viewsProcess.waitForOutput(/bench views started/, 30_000);
    const checkout = await startProcess('services/checkout/src/main.ts', {
      ...common,
      GRPC_PORT: '0',
      LOG_LEVEL: 'info',
      ACCOUNTS_ADDRESS: `127.0.0.1:${ports['accounts']}`,
      PAYMENTS_ADDRESS: `127.0.0.1:${ports['payments']}`,
      ORDERS_ADDRESS: `127.0.0.1:${ports['orders']}`,
      SAGA_SCHEMA: schemas.sagas,
      SAGA_CONSUMER_GROUP: `${id}.checkout`,
      SAGA_CONSUMER_FROM_BEGINNING: 'true',
      PG_POOL_SIZE: '20',
    });
    children.push(checkout);
    await checkout.waitForOutput(/saga: partitions assigned/, 30_000);

    const accounts = createAccountsClient(`127.0.0.1:${ports['accounts']}`, { deadlineMs: 10_000 });
    const orders = createOrdersClient(`127.0.0.1:${ports['orders']}`, { deadlineMs: 10_000 });
    const open = async (kind: 'CUSTOMER' | 'MERCHANT', deposit: number) => {
      const accountId = randomUUID();
      await accounts.openAccount({
        accountId,
        ownerId: randomUUID(),
        kind: `ACCOUNT_KIND_${kind}`,
        currency: 'EUR',
      });
      if (deposit > 0)
        await accounts.depositFunds({
          accountId,
          amount: { amountMinor: String(deposit), currency: 'EUR' },
        });
      return accountId;
    };
    const customers: string[] = [];
    for (let i = 0; i < customerCount; i += 40)
      customers.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(40, customerCount - i) }, () =>
            open('CUSTOMER', 100_000_000),
          ),
        )),
      );
    const merchants = await Promise.all(Array.from({ length: 5 }, () => open('MERCHANT', 0)));
    const bench: Bench = { orders, pool, readSchema: schemas.read };

    // Warm-up: connections, JIT, Kafka fetch sessions.
    await paced(bench, customers, merchants, 50, 2_000);
    const peak = await closedLoop(bench, customers, merchants, loops, (seconds * 1000) / 2);
    const rate =
      fixedRate > 0 ? fixedRate : Math.max(10, Math.floor(peak.confirmedPerSecond * 0.9));
    const named: [string, number | undefined][] = [
      ['accounts', children[0]?.child.pid],
      ['payments', children[1]?.child.pid],
      ['orders', children[2]?.child.pid],
      ['views', children[3]?.child.pid],
      ['checkout', children[4]?.child.pid],
      ['load generator', process.pid],
    ];
    const cpuBefore = named.map(([, pid]) => cpuSeconds(pid));
    const steadyStarted = performance.now();
    const steady = await paced(bench, customers, merchants, rate, seconds * 1000);
    const steadySeconds = (performance.now() - steadyStarted) / 1000;
    const cpuSpent = named.map(([, pid], i) => cpuSeconds(pid) - cpuBefore[i]!);
    const cpuShare = named.map(
      ([name], i) => `${name} ${((100 * cpuSpent[i]!) / steadySeconds).toFixed(0)}%`,
    );
    // Issue 15's "CPU per checkout": every platform process, the load generator left out.
    const platformCpuMsPerCheckout =
      (1000 * cpuSpent.slice(0, -1).reduce((a, b) => a + b, 0)) / Math.max(1, steady.confirmed);
    const cpuBeforeBurst = named.map(([, pid]) => cpuSeconds(pid));
    const burst =
      burstOrders > 0
        ? await runBurst({
            pool,
            readSchema: schemas.read,
            sagaSchema: schemas.sagas,
            orders: burstOrders,
            place: (orderId, i) =>
              placeOrder(
                bench,
                orderId,
                customers[i % customers.length]!,
                merchants[i % merchants.length]!,
              ),
            checkoutLog: () => checkout.output(),
          })
        : undefined;
    const burstCpu = burst
      ? named.map(
          ([name, pid], i) =>
            `${name} ${((100 * (cpuSeconds(pid) - cpuBeforeBurst[i]!)) / (burst.drainMs / 1000)).toFixed(0)}%`,
        )
      : [];
    const curve: CurvePoint[] = [];
    for (const percent of sweep) {
      const offered = Math.max(1, (peak.confirmedPerSecond * percent) / 100);
      const at = await paced(bench, customers, merchants, offered, sweepSeconds * 1000);
      curve.push({ offered, achieved: at.confirmedPerSecond, p50: at.p50, p99: at.p99 });
      console.error(
        `checkout sweep ${percent}%: offered ${offered.toFixed(1)}/s, confirmed ${at.confirmedPerSecond.toFixed(1)}/s, p50 ${at.p50.toFixed(0)} ms, p99 ${at.p99.toFixed(0)} ms`,
      );
    }
    accounts.close();
    orders.close();

    const f = (n: number) => n.toFixed(0);
    console.log(
      `\ncheckout: ${new Date().toISOString()}, ${seconds} s steady window, ${PLACERS} placers, views: ${views}`,
    );
    console.log('| measure | value |');
    console.log('| --- | --- |');
    console.log(
      `| peak: ${loops} closed loops (place, wait for confirmed) | ${f(peak.confirmedPerSecond)} checkouts/s (p50 ${f(peak.p50)} ms, p99 ${f(peak.p99)} ms) |`,
    );
    console.log(
      `| steady: paced at ${rate}/s, placed ${f(steady.placedPerSecond)}/s | ${f(steady.confirmedPerSecond)} checkouts/s confirmed |`,
    );
    console.log(
      `| steady: order placed → confirmed in the read model, p50 / p99 | ${f(steady.p50)} ms / ${f(steady.p99)} ms |`,
    );
    const split = await stages(pool, schemas, steady.orderIds);
    console.log(
      `| steady, p50 of each stage: OrderPlaced → saga started / saga started → ConfirmOrder recorded / the rest (OrderConfirmed → relay → Kafka → orders view → seen) | ${f(split.to_saga)} ms / ${f(split.saga)} ms / ${f(steady.p50 - split.to_saga - split.saga)} ms |`,
    );
    console.log(`| steady: saga writes per checkout | ${split.writes.toFixed(2)} |`);
    console.log(`| steady: CPU per process (100% = one core) | ${cpuShare.join(', ')} |`);
    console.log(
      `| steady: checkouts confirmed / cancelled / placed | ${steady.confirmed} / ${steady.cancelled} / ${steady.placed} |`,
    );
    if (burst) {
      const share = (goodput: number) => `${f((100 * goodput) / steady.confirmedPerSecond)}%`;
      console.log(
        `| burst: ${burst.placed} orders placed at once (in ${f(burst.placedMs)} ms); ended / confirmed | ${burst.ended} / ${burst.confirmed} in ${(burst.drainMs / 1000).toFixed(1)} s |`,
      );
      console.log(
        `| burst: goodput (ended/s over the whole drain; middle 80%) | ${burst.goodput.toFixed(1)}/s (${share(burst.goodput)} of steady); ${burst.middleGoodput.toFixed(1)}/s (${share(burst.middleGoodput)}) |`,
      );
      console.log(`| burst: placed → ended, p50 / p99 | ${f(burst.p50)} ms / ${f(burst.p99)} ms |`);
      console.log(
        `| burst: command attempts per step (commands; retried; most of one) | ${burst.attempts.perStep.toFixed(3)} (${burst.attempts.commands}; ${burst.attempts.retried}; ${burst.attempts.most}) |`,
      );
      console.log(
        `| burst: retries logged (of them DEADLINE_EXCEEDED) | ${burst.retriesLogged} (${burst.deadlinesLogged}) |`,
      );
      console.log(`| burst: CPU per process over the drain | ${burstCpu.join(', ')} |`);
    }
    console.log(
      `| steady: CPU per checkout, platform processes (load generator left out) | ${platformCpuMsPerCheckout.toFixed(1)} ms |`,
    );
    for (const point of curve)
      console.log(
        `| sweep: paced at ${point.offered.toFixed(1)}/s: confirmed, p50 / p99 | ${point.achieved.toFixed(1)}/s, ${f(point.p50)} ms / ${f(point.p99)} ms |`,
      );
    const sustained = steady.confirmedPerSecond >= rate * 0.95;
    const burstFigures: Figure[] = burst
      ? [
          figure(
            'burst.goodput',
            `burst of ${burst.placed}: goodput`,
            burst.goodput,
            'checkouts/s',
          ),
          figure('burst.p99', `burst of ${burst.placed}: placed → ended, p99`, burst.p99, 'ms'),
          figure(
            'burst.attemptsPerStep',
            'burst: command attempts per step',
            burst.attempts.perStep,
            '',
          ),
        ]
      : [];
    emitResult({
      name: 'checkout',
      startedAt,
      parameters: {
        seconds,
        loops,
        rate,
        views,
        customers: customerCount,
        placers: PLACERS,
        burst: burstOrders,
        sweep: sweep.join(','),
        sweepSeconds,
      },
      figures: [
        figure('peak.rate', `peak: ${loops} closed loops`, peak.confirmedPerSecond, 'checkouts/s'),
        figure('peak.p99', 'peak: placed → confirmed, p99', peak.p99, 'ms'),
        figure(
          'steady.rate',
          `steady: confirmed, paced at ${rate}/s`,
          steady.confirmedPerSecond,
          'checkouts/s',
          {
            op: '>=',
            limit: 300,
            met: sustained,
          },
        ),
        figure('steady.p50', 'steady: placed → confirmed, p50', steady.p50, 'ms'),
        figure('steady.p99', 'steady: placed → confirmed, p99', steady.p99, 'ms', {
          op: '<=',
          limit: 500,
        }),
        figure('steady.toSaga', 'steady, p50: OrderPlaced → saga started', split.to_saga, 'ms'),
        figure(
          'steady.saga',
          'steady, p50: saga started → ConfirmOrder recorded',
          split.saga,
          'ms',
        ),
        figure(
          'steady.cpuPerCheckout',
          'steady: CPU per checkout, all platform processes',
          platformCpuMsPerCheckout,
          'ms',
          {
            op: '<=',
            limit: 6,
          },
        ),
        figure('steady.sagaWrites', 'steady: saga writes per checkout', split.writes, ''),
        figure('steady.cancelled', 'steady: checkouts cancelled', steady.cancelled, 'checkouts'),
        ...burstFigures,
      ],
      curves:
        curve.length > 0
          ? [
              {
                key: 'checkout',
                label: 'Checkout, placed → confirmed',
                rateUnit: 'checkouts/s',
                points: curve,
                p99Target: 500,
              },
            ]
          : [],
    });
  } catch (error) {
    for (const child of children) console.error(child.output().split('\n').slice(-15).join('\n'));
    throw error;
  } finally {
    await Promise.all(children.reverse().map((c) => c.kill('SIGTERM')));
    await admin
      .deleteTopics([
        ...categories.map((c) => topicForCategory(c)),
        ...['balances', 'payments', 'orders'].map((view) => deadLetterTopic(`${id}.${view}`)),
      ])
      .catch(() => undefined);
    await admin.close();
    for (const schema of Object.values(schemas))
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
