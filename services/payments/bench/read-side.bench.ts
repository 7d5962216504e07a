// The read side's figures, measured in one run on the local stack (Postgres, Kafka, Redis and
// Elasticsearch on this machine): `npm run bench -- read-side [--events 50000] [--rate 1000]
// [--seconds 10] [--query-rate 5000] [--bulk-batches 0|1]` (0: the Postgres projector applies
// batches through its handlers, one statement per event, instead of its batch path).
//
// The payments command service (relay on, bench/command.process.ts) and the payments query
// service (bench/query.process.ts) each run as their own process, on a fresh event store schema,
// read schema, projection names, index alias, cache namespace and Kafka topics (a
// KAFKA_TOPIC_PREFIX of the run's own: a platform on the same broker never sees these payments).
// The fresh projectors' consumer groups and checkpoints start at the payment topic's end as it was
// before the run, so nothing older than the run is replayed.
//
// 1. Projector throughput: N events are appended to the store (and relayed to Kafka) BEFORE the
//    query service starts; then the drain of each projector (Postgres view, search index) is
//    timed from its checkpoints in the runtime tables (events/s, first commit → caught up).
// 2. Command → Postgres view visible: CreatePayment paced at --rate for --seconds; one poller
//    reads the view table directly, every 5 ms, for all pending ids; a payment's latency ends
//    when the poll that first returns it completes. Every 50th is confirmed through GetPayment
//    (no token).
// 3. Command → searchable: every 10th of those payments, polled every 50 ms with an `ids` query
//    on the alias, until a search returns it.
// 4. Query latency: GetPayment on 100 warm ids (Redis hits), GetPayment on distinct ids never
//    read before (each a cache miss: Postgres read + write-back), SearchPayments (closed loop).
// The last line of output is the machine-readable result (`BENCH_JSON {…}`, @ledgerline/bench).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { PostgresEventStore } from '@ledgerline/event-store';
import { createClient, unary } from '@ledgerline/grpc';
import { createKafkaMessaging, namespacedMessaging } from '@ledgerline/messaging';
import { createPaymentsClient } from '@ledgerline/payments-client';
import { migrateRuntime } from '@ledgerline/projections';
import { loadPackage, type paymentsV1 } from '@ledgerline/proto';
import { categoryTopicSpec, topicForCategory } from '@ledgerline/relay';
import { createSearchClient } from '@ledgerline/search';
import { freePort, startProcess, type TestProcess, uniqueName } from '@ledgerline/testing';
import { emitResult, figure, type Figure } from '@ledgerline/bench';
import { Kafka, logLevel } from 'kafkajs';
import { Client, Pool } from 'pg';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return Number(at >= 0 ? process.argv[at + 1] : fallback);
};
const EVENTS = arg('events', 50_000);
const COMMAND_RATE = arg('rate', 1_000);
const SECONDS = arg('seconds', 10);
const QUERY_RATE = arg('query-rate', 5_000);
const BULK_BATCHES = arg('bulk-batches', 1) !== 0;
const QUERY_SECONDS = 4;
const PG_POLL_MS = 5;
const ES_POLL_MS = 50;
const ES_SAMPLE_EVERY = 10;
const CONFIRM_EVERY = 50;
const MAX_IN_FLIGHT = 500;
const DRAIN_TIMEOUT_MS = 100_000;
const postgresUrl = process.env['POSTGRES_URL'];
const kafkaBrokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const elasticsearchUrl = process.env['ELASTICSEARCH_URL'] ?? 'http://127.0.0.1:9200';
if (!postgresUrl) throw new Error('read-side.bench: POSTGRES_URL is not set');
const brokers = kafkaBrokers.split(',');
const TOPIC = topicForCategory('payment');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
const ms = (value: number) =>
  Number.isNaN(value) ? 'n/a' : value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(0)} ms`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const log = (message: string) =>
  console.error(`[read-side ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** CPU time (ms) a process has used so far, from /proc (Linux): user + system clock ticks. */
const processCpuMs = (pid: number | undefined): number => {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
};

/** Whole-machine CPU counters from /proc/stat, to tell how busy the host was during a phase. */
const machineCpu = () => {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return {
    idle: (fields[3] ?? 0) + (fields[4] ?? 0),
    total: fields.reduce((a, b) => a + b, 0),
  };
};
type CpuMark = { machine: ReturnType<typeof machineCpu>; at: number; procs: number[] };

// ---------------------------------------------------------------------------------------------
// Load shapes

interface Run {
  readonly latencies: number[];
  readonly rate: number;
  readonly errors: number;
  readonly callers: number;
}

/**
 * `callers` loops on a fixed schedule totalling `rate`/s, for at most `durationMs`; a caller that
 * falls behind calls back to back (so below the target the loop is closed with `callers` in
 * flight). Latency is each call's own, from send to response.
 */
const pacedLoop = async (
  callers: number,
  durationMs: number,
  rate: number,
  operation: (caller: number, iteration: number) => Promise<unknown>,
): Promise<Run> => {
  const interval = (callers * 1000) / rate;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      let i = 0;
      for (let due = started + (caller * interval) / callers; due < end; due += interval) {
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        if (performance.now() >= end) break;
        const sent = performance.now();
        try {
          await operation(caller, i++);
          latencies.push(performance.now() - sent);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = performance.now() - started;
  return {
    latencies: sorted(latencies),
    rate: (latencies.length * 1000) / elapsed,
    errors,
    callers,
  };
};

/** `callers` loops back to back for `durationMs`. */
const closedLoop = (
  callers: number,
  durationMs: number,
  operation: (caller: number, iteration: number) => Promise<unknown>,
) => pacedLoop(callers, durationMs, 1e9, operation);

// ---------------------------------------------------------------------------------------------

const usdLike = ['EUR', 'USD', 'GBP'] as const;
const PAYERS = Array.from({ length: 1_000 }, () => randomUUID());
const pick = <T>(items: readonly T[], i: number): T => items[i % items.length]!;

const newPayment = (i: number) => ({
  paymentId: randomUUID(),
  orderId: randomUUID(),
  payerAccountId: pick(PAYERS, i),
  payeeAccountId: randomUUID(),
  amount: String(1_000 + (i % 50) * 100),
  currency: pick(usdLike, i),
});

interface Names {
  readonly sourceSchema: string;
  readonly readSchema: string;
  readonly prefix: string;
  readonly alias: string;
  readonly cacheNamespace: string;
}

const main = async (): Promise<void> => {
  const names: Names = {
    sourceSchema: uniqueName('bench_pay_store'),
    readSchema: uniqueName('bench_pay_read'),
    prefix: uniqueName('benchpay'),
    alias: uniqueName('bench_pay_search'),
    cacheNamespace: uniqueName('bench-pay-cache'),
  };
  const projections = { postgres: `${names.prefix}.payments`, search: `${names.prefix}.search` };
  const topicPrefix = `${names.prefix}.`;
  // On the broker, as the services' namespaced messaging names them.
  const groupOf = (projection: string) => `${topicPrefix}ledgerline.projection.${projection}`;
  const table = `${names.readSchema}.payments_v1`;
  const startedAt = new Date();
  const load = loadavg()[0]!;
  const children: TestProcess[] = [];
  const pool = new Pool({ connectionString: postgresUrl, max: 16 });
  const search = createSearchClient(elasticsearchUrl);
  const messaging = namespacedMessaging(
    createKafkaMessaging({ brokers, clientId: 'read-side-bench' }),
    topicPrefix,
  );
  const topicAdmin = await messaging.admin();
  const kafkaAdmin = new Kafka({
    clientId: 'read-side-bench',
    brokers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await kafkaAdmin.connect();
  const closers: (() => unknown)[] = [];
  const rows: { order: number; text: string }[] = [];
  const notes: string[] = [];
  const figures: Figure[] = [];
  /** A table row; `order` follows the brief: visibility, search, queries, then projectors. */
  const row = (order: number, measure: string, value: string, target: string) =>
    rows.push({ order, text: `| ${measure} | ${value} | ${target} |` });

  const cleanup = async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch {
        // best effort
      }
    }
    // SIGTERM (graceful), SIGKILL only if a service is still up 15 s later.
    await Promise.all(
      children.map(async (child) => {
        const exited = child.kill('SIGTERM').catch(() => undefined);
        const outcome = await Promise.race([exited, sleep(15_000).then(() => 'hung' as const)]);
        if (outcome === 'hung') await child.kill('SIGKILL').catch(() => undefined);
      }),
    );
    await kafkaAdmin.deleteGroups(Object.values(projections).map(groupOf)).catch(() => undefined);
    await topicAdmin // the payment topic and the dead-letter topics
      .deleteTopics(await topicAdmin.listTopics())
      .catch(() => undefined);
    await kafkaAdmin.disconnect().catch(() => undefined);
    await topicAdmin.close().catch(() => undefined);
    await search.indices.delete({ index: `${names.alias}-v1` }).catch(() => undefined);
    await search.close().catch(() => undefined);
    for (const schema of [names.readSchema, names.sourceSchema])
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await pool.end().catch(() => undefined);
  };
  let cleaning: Promise<void> | undefined;
  const cleanOnce = () => (cleaning ??= cleanup());
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      log(`${signal}: stopping the services`);
      void cleanOnce().finally(() => process.exit(130));
    });
  const watchdog = setTimeout(() => {
    log('watchdog: the run took over 6 minutes, stopping');
    void cleanOnce().finally(() => process.exit(1));
  }, 360_000);

  try {
    // -- the topic's end before the run: the fresh projectors start there ----------------------
    await topicAdmin.ensureTopics([categoryTopicSpec('payment')]);
    const startOffsets = await topicAdmin.latestOffsets(TOPIC);
    const topicEnd = () =>
      topicAdmin
        .latestOffsets(TOPIC)
        .then((offsets) =>
          offsets.reduce(
            (sum, o) =>
              sum +
              Number(o.offset) -
              Number(startOffsets.find((s) => s.partition === o.partition)?.offset ?? 0),
            0,
          ),
        );

    // -- the command service --------------------------------------------------------------------
    const commandPort = await freePort();
    const command = await startProcess('services/payments/bench/command.process.ts', {
      BENCH_SCHEMA: names.sourceSchema,
      POSTGRES_URL: postgresUrl,
      KAFKA_BROKERS: kafkaBrokers,
      GRPC_PORT: String(commandPort),
      LOG_LEVEL: 'info',
      RELAY_ENABLED: 'true',
      KAFKA_TOPIC_PREFIX: topicPrefix,
    });
    children.push(command);
    await command.waitForOutput(/gRPC server listening/, 60_000);
    const payments = createPaymentsClient(`127.0.0.1:${commandPort}`, {
      retries: 0,
      deadlineMs: 10_000,
    });
    closers.push(() => payments.close());
    log(`command service up on ${commandPort} (schema ${names.sourceSchema})`);

    // -- 1. pre-fill N events, relayed to Kafka before any projector runs ---------------------
    const store = new PostgresEventStore({ pool, schema: names.sourceSchema });
    const prefilled: string[] = [];
    let appended = 0;
    const WRITERS = 16;
    const fillStarted = performance.now();
    const fillCpu = machineCpu();
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (appended < EVENTS) {
          const i = prefilled.length;
          const request = newPayment(i);
          // Two streams in three: PaymentCreated; the third: PaymentCreated, PaymentAuthorized.
          const count = i % 3 === 2 && EVENTS - appended >= 2 ? 2 : 1;
          appended += count;
          prefilled.push(request.paymentId);
          const at = new Date().toISOString();
          const facts = {
            paymentId: request.paymentId,
            orderId: request.orderId,
            payerAccountId: request.payerAccountId,
            payeeAccountId: request.payeeAccountId,
            currency: request.currency,
            at,
          };
          const amount = Number(request.amount);
          const events = [
            { type: 'PaymentCreated', data: { ...facts, amount } },
            { type: 'PaymentAuthorized', data: { ...facts, amount, reservationId: randomUUID() } },
          ].slice(0, count);
          await store.append(`payment-${request.paymentId}`, events, {
            expectedVersion: 'no_stream',
            metadata: { correlationId: randomUUID() },
          });
        }
      }),
    );
    const fillMs = performance.now() - fillStarted;
    log(`appended ${appended} events on ${prefilled.length} streams in ${fillMs.toFixed(0)} ms`);
    let published = 0;
    for (const deadline = performance.now() + 120_000; performance.now() < deadline;) {
      published = await topicEnd();
      if (published >= appended) break;
      await sleep(100);
    }
    const relayMs = performance.now() - fillStarted;
    const fillBusy = busyPercent(fillCpu, machineCpu());
    log(`relayed ${published} events to ${topicPrefix}${TOPIC} after ${relayMs.toFixed(0)} ms`);

    // -- 2. fresh projectors, starting at the topic's end before the run -----------------------
    await migrateRuntime(pool, names.readSchema);
    for (const projection of Object.values(projections)) {
      for (const { partition, offset } of startOffsets) {
        if (BigInt(offset) > 0n)
          await pool.query(
            `INSERT INTO ${names.readSchema}.projection_offsets (projection, topic, partition, "offset")
             VALUES ($1, $2, $3, $4)`,
            [projection, TOPIC, partition, String(BigInt(offset) - 1n)],
          );
      }
      await kafkaAdmin.setOffsets({
        groupId: groupOf(projection),
        topic: `${topicPrefix}${TOPIC}`,
        partitions: startOffsets.map(({ partition, offset }) => ({ partition, offset })),
      });
    }
    const consumed = async (): Promise<Record<string, number>> => {
      const { rows: offsets } = await pool.query<{
        projection: string;
        partition: number;
        offset: string;
      }>(
        `SELECT projection, partition, "offset" FROM ${names.readSchema}.projection_offsets
          WHERE topic = $1`,
        [TOPIC],
      );
      const result: Record<string, number> = {};
      for (const o of offsets) {
        const start = Number(startOffsets.find((s) => s.partition === o.partition)?.offset ?? 0);
        result[o.projection] =
          (result[o.projection] ?? 0) + Math.max(0, Number(o.offset) + 1 - start);
      }
      return result;
    };

    const queryPort = await freePort();
    const query = await startProcess('services/payments/bench/query.process.ts', {
      BENCH_READ_SCHEMA: names.readSchema,
      BENCH_SOURCE_SCHEMA: names.sourceSchema,
      BENCH_PROJECTION_PREFIX: names.prefix,
      BENCH_SEARCH_ALIAS: names.alias,
      BENCH_CACHE_NAMESPACE: names.cacheNamespace,
      POSTGRES_URL: postgresUrl,
      KAFKA_BROKERS: kafkaBrokers,
      REDIS_URL: redisUrl,
      ELASTICSEARCH_URL: elasticsearchUrl,
      GRPC_PORT: String(queryPort),
      LOG_LEVEL: 'info',
      KAFKA_TOPIC_PREFIX: topicPrefix,
      CURSOR_SECRET: 'read-side-bench-cursor-secret',
      BENCH_BULK_BATCHES: String(BULK_BATCHES),
    });
    children.push(query);
    const queryStarting = performance.now(); // spawned (the bundling is done)
    const queryCpuStart = processCpuMs(query.child.pid);
    const drainCpu = machineCpu();
    const first: Record<string, { at: number; count: number }> = {};
    const done: Record<string, number> = {};
    let last: Record<string, number> = {};
    let listeningAt: number | undefined;
    void query.waitForOutput(/gRPC server listening/, 90_000).then(
      () => (listeningAt = performance.now()),
      () => undefined,
    );
    while (performance.now() < queryStarting + DRAIN_TIMEOUT_MS) {
      if (query.child.exitCode !== null)
        throw new Error(`the query service exited:\n${query.output().slice(-3_000)}`);
      last = await consumed().catch(() => ({}));
      const now = performance.now();
      for (const projection of Object.values(projections)) {
        const count = last[projection] ?? 0;
        if (count > 0 && !first[projection]) first[projection] = { at: now, count };
        if (count >= appended && done[projection] === undefined) done[projection] = now;
      }
      if (Object.keys(done).length === 2) break;
      await sleep(100);
    }
    const drainBusy = busyPercent(drainCpu, machineCpu());
    const queryDrainCpu = processCpuMs(query.child.pid) - queryCpuStart;
    await query.waitForOutput(/gRPC server listening/, 60_000);

    const { PaymentQueryService } = loadPackage(['ledgerline/payments/v1/payments_query.proto'])
      .ledgerline.payments.v1;
    const { ProjectionsAdminService } = loadPackage([
      'ledgerline/platform/v1/projections_admin.proto',
    ]).ledgerline.platform.v1;
    const queries = createClient(PaymentQueryService, `127.0.0.1:${queryPort}`, {
      retries: 0,
      deadlineMs: 10_000,
    });
    closers.push(() => queries.close());
    const admin = createClient(ProjectionsAdminService, `127.0.0.1:${queryPort}`, {
      retries: 0,
      deadlineMs: 10_000,
    });
    closers.push(() => admin.close());
    const status = await unary(admin, 'GetProjectionStatus', { projection: '' });
    const statusNote = status.projections
      .map((p) => `${p.projection}: applied ${p.applied}, parked ${p.parked}, lag ${p.lagEvents}`)
      .join('; ');
    log(`after the drain: ${statusNote}`);

    for (const [sink, projection] of Object.entries(projections)) {
      const start = first[projection];
      const end = done[projection];
      const label = `Projector drain into ${sink === 'postgres' ? 'Postgres (payments view)' : 'Elasticsearch (search index)'}, ${appended.toLocaleString('en')} pre-filled events`;
      if (start && end !== undefined && end === start.at)
        row(
          9,
          label,
          `caught up before the first poll: **≥ ${((appended * 1000) / (end - queryStarting)).toFixed(0)} events/s** counting the process start (${((end - queryStarting) / 1000).toFixed(1)} s)`,
          'no target: reported',
        );
      else if (start && end !== undefined) {
        const rate = ((appended - start.count) * 1000) / (end - start.at);
        figures.push(figure(`drain.${sink}`, label, rate, 'events/s'));
        row(
          9,
          label,
          `**${rate.toFixed(0)} events/s** (first commit → caught up ${((end - start.at) / 1000).toFixed(1)} s; process start → caught up ${((end - queryStarting) / 1000).toFixed(1)} s)`,
          'no target: reported',
        );
      } else
        row(
          9,
          label,
          `not caught up within ${DRAIN_TIMEOUT_MS / 1000} s: ${(last[projection] ?? 0).toLocaleString('en')} of ${appended.toLocaleString('en')} applied${start ? ` (${Math.round((((last[projection] ?? 0) - start.count) * 1000) / (performance.now() - start.at))} events/s)` : ''}`,
          'no target: reported',
        );
    }
    notes.push(
      `Drain: both projectors ran in one query-service process (${(queryDrainCpu / 1000).toFixed(1)} s CPU during the drain, machine ${drainBusy.toFixed(0)}% busy); gRPC listening ${listeningAt ? `${((listeningAt - queryStarting) / 1000).toFixed(1)} s` : '?'} after spawn. Status afterwards: ${statusNote}.`,
      `Pre-fill: ${appended.toLocaleString('en')} events on ${prefilled.length.toLocaleString('en')} payment streams appended by 16 writers in ${(fillMs / 1000).toFixed(1)} s (${((appended * 1000) / fillMs).toFixed(0)} events/s); all on Kafka ${(relayMs / 1000).toFixed(1)} s after the first append (relay ≥ ${((appended * 1000) / relayMs).toFixed(0)} events/s; machine ${fillBusy.toFixed(0)}% busy).`,
    );

    // -- 3. command → visible in the Postgres view / searchable --------------------------------
    const refresh = await refreshInterval(search, names.alias);
    const visibleIds: string[] = [];
    const poller = new Client({ connectionString: postgresUrl });
    await poller.connect();
    closers.push(() => poller.end());
    let seq = 0;

    // A tap on the topic splits the time after the receipt: receipt → on Kafka (the message's
    // CreateTime, stamped by the relay's producer) and on Kafka → visible in the view.
    const onKafkaAt = new Map<string, number>();
    const tap = await messaging.consumer({
      groupId: `${names.prefix}-tap`,
      topics: [TOPIC],
      fromBeginning: false,
      maxWaitTimeMs: 20,
      partitionsConcurrently: 6,
    });
    closers.push(() => tap.close());
    let tapAssigned = false;
    tap.onAssignment(() => (tapAssigned = true));
    void tap.run((batch) => {
      for (const m of batch.messages) if (m.key) onKafkaAt.set(m.key, Number(m.timestamp));
      return Promise.resolve();
    });
    while (!tapAssigned) await sleep(50);
    await sleep(1_000); // the tap's first fetch positions it at the end
    const wall = (monotonic: number) => performance.timeOrigin + monotonic;

    /** CreatePayment paced at `rate`/s for SECONDS, with the view and search pollers running. */
    const commandPhase = async (rate: number) => {
      const sentAt = new Map<string, number>();
      const ackAt = new Map<string, number>();
      const pgPending = new Set<string>();
      const esPending = new Set<string>();
      const ackLatencies: number[] = [];
      const visible: number[] = [];
      const afterAck: number[] = [];
      const relayLeg: number[] = [];
      const projectorLeg: number[] = [];
      const searchable: number[] = [];
      const confirmed = { ok: 0, failed: 0 };
      let commandErrors = 0;
      let inFlight = 0;
      let capped = 0;
      let sending = true;

      const pgPoll = async (until: number) => {
        while ((sending || pgPending.size > 0) && performance.now() < until) {
          const ids = [...pgPending];
          if (ids.length > 0) {
            const { rows: found } = await poller
              .query<{ payment_id: string }>(
                `SELECT payment_id FROM ${table} WHERE payment_id = ANY($1::text[])`,
                [ids],
              )
              .catch((error: unknown) => {
                log(`view poll failed: ${String(error)}`);
                return { rows: [] };
              });
            const now = performance.now();
            for (const { payment_id: id } of found) {
              if (!pgPending.delete(id)) continue;
              visible.push(now - sentAt.get(id)!);
              afterAck.push(Math.max(0, now - (ackAt.get(id) ?? now)));
              const kafkaAt = onKafkaAt.get(`payment-${id}`);
              const acked = ackAt.get(id);
              if (kafkaAt !== undefined && acked !== undefined) {
                relayLeg.push(Math.max(0, kafkaAt - wall(acked)));
                projectorLeg.push(Math.max(0, wall(now) - kafkaAt));
              }
              visibleIds.push(id);
              if (visibleIds.length % CONFIRM_EVERY === 0)
                void unary(queries, 'GetPayment', { paymentId: id }).then(
                  (r) => (r.payment?.paymentId === id ? confirmed.ok++ : confirmed.failed++),
                  () => confirmed.failed++,
                );
            }
          }
          await sleep(PG_POLL_MS);
        }
      };
      const esPoll = async (until: number) => {
        while ((sending || esPending.size > 0) && performance.now() < until) {
          const ids = [...esPending];
          if (ids.length > 0) {
            const hits = await search
              .search({
                index: names.alias,
                query: { ids: { values: ids } },
                size: ids.length,
                _source: false,
              })
              .then(
                (result) => result.hits.hits,
                (error: unknown) => {
                  log(`search poll failed: ${String(error)}`);
                  return [];
                },
              );
            const now = performance.now();
            for (const hit of hits) {
              const id = hit._id;
              if (id === undefined || !esPending.delete(id)) continue;
              searchable.push(now - sentAt.get(id)!);
            }
          }
          await sleep(ES_POLL_MS);
        }
      };

      const cpu = markCpu(query, command);
      const phaseStarted = performance.now();
      const phaseEnd = phaseStarted + SECONDS * 1000;
      const pollers = [pgPoll(phaseEnd + 15_000), esPoll(phaseEnd + 15_000)];
      let sent = 0;
      while (performance.now() < phaseEnd) {
        const due = Math.floor(((performance.now() - phaseStarted) * rate) / 1000) + 1;
        while (sent < due) {
          if (inFlight >= MAX_IN_FLIGHT) {
            capped++;
            break;
          }
          const request = newPayment(seq);
          const id = request.paymentId;
          const at = performance.now();
          sentAt.set(id, at);
          pgPending.add(id);
          if (seq % ES_SAMPLE_EVERY === 0) esPending.add(id);
          seq++;
          sent++;
          inFlight++;
          void payments
            .createPayment(request)
            .then(
              () => {
                const now = performance.now();
                ackAt.set(id, now);
                ackLatencies.push(now - at);
              },
              () => {
                commandErrors++;
                pgPending.delete(id);
                esPending.delete(id);
              },
            )
            .finally(() => inFlight--);
        }
        await sleep(1);
      }
      const sendMs = performance.now() - phaseStarted;
      const ackedInTime = ackLatencies.length;
      while (inFlight > 0 && performance.now() < phaseEnd + 15_000) await sleep(5);
      sending = false;
      await Promise.all(pollers);
      const cpuNote = spentCpu(cpu, query, command);
      const achieved = (ackedInTime * 1000) / sendMs;
      const sustained = achieved >= rate * 0.95 && capped === 0;
      const visibleSorted = sorted(visible);
      const searchableSorted = sorted(searchable);
      const ack = sorted(ackLatencies);
      const projected = sorted(afterAck);
      log(
        `commands at ${rate}/s: ${ackLatencies.length} acked (${achieved.toFixed(0)}/s), ${commandErrors} failed; visible ${visible.length}, pending ${pgPending.size}; searchable ${searchable.length}, pending ${esPending.size}`,
      );
      const rateText = `CreatePayment paced at ${rate}/s for ${SECONDS} s; achieved ${achieved.toFixed(0)}/s${sustained ? '' : ', **rate not sustained**'}`;
      const visibleP99 = quantile(visibleSorted, 0.99);
      row(
        1,
        `Command → Postgres view visible (${rateText}; ${visible.length.toLocaleString('en')} payments)`,
        `p50 ${ms(quantile(visibleSorted, 0.5))}, **p99 ${ms(visibleP99)}**, max ${ms(visibleSorted.at(-1) ?? Number.NaN)}${pgPending.size > 0 ? `; ${pgPending.size} not visible within 15 s` : ''} (of which after the command's receipt: p50 ${ms(quantile(projected, 0.5))}, p99 ${ms(quantile(projected, 0.99))})`,
        `p99 ≤ 100 ms${sustained ? '' : ` at ${COMMAND_RATE}/s`} (${verdict(visibleP99 <= 100 && pgPending.size === 0 && sustained && rate >= COMMAND_RATE)})`,
      );
      const phase = rate === COMMAND_RATE ? 'atTarget' : 'lower';
      figures.push(
        figure(
          `${phase}.achieved`,
          `CreatePayment paced at ${rate}/s: achieved`,
          achieved,
          'commands/s',
        ),
        figure(
          `${phase}.visible.p50`,
          `command → Postgres view visible at ${rate}/s, p50`,
          quantile(visibleSorted, 0.5),
          'ms',
        ),
        figure(
          `${phase}.visible.p99`,
          `command → Postgres view visible at ${rate}/s, p99`,
          visibleP99,
          'ms',
          // The target is set at the target rate; the lower rate's figures are for diagnosis.
          phase === 'atTarget'
            ? { op: '<=', limit: 100, met: pgPending.size === 0 && sustained }
            : undefined,
        ),
      );
      const searchableP99 = quantile(searchableSorted, 0.99);
      figures.push(
        figure(
          `${phase}.searchable.p99`,
          `command → searchable in Elasticsearch at ${rate}/s, p99`,
          searchableP99,
          'ms',
          phase === 'atTarget' ? { op: '<=', limit: 1_500, met: esPending.size === 0 } : undefined,
        ),
      );
      row(
        2,
        `Command → searchable in Elasticsearch (same run at ${rate}/s, every ${ES_SAMPLE_EVERY}th payment: ${searchable.length.toLocaleString('en')}; refresh interval ${refresh})`,
        `p50 ${ms(quantile(searchableSorted, 0.5))}, **p99 ${ms(searchableP99)}**, max ${ms(searchableSorted.at(-1) ?? Number.NaN)}${esPending.size > 0 ? `; ${esPending.size} not found within 15 s` : ''}`,
        `p99 ≤ 1,500 ms (${verdict(searchableP99 <= 1_500 && esPending.size === 0)})`,
      );
      notes.push(
        `Commands at ${rate}/s: after the receipt, receipt → on Kafka p50 ${ms(quantile(sorted(relayLeg), 0.5))}, p99 ${ms(quantile(sorted(relayLeg), 0.99))}, and on Kafka → visible p50 ${ms(quantile(sorted(projectorLeg), 0.5))}, p99 ${ms(quantile(sorted(projectorLeg), 0.99))} (${relayLeg.length.toLocaleString('en')} payments seen by a tap consumer on the topic; Kafka's CreateTime has 1 ms resolution). CreatePayment ack (send → receipt) p50 ${ms(quantile(ack, 0.5))}, p99 ${ms(quantile(ack, 0.99))}; ${commandErrors} failed; in-flight cap ${MAX_IN_FLIGHT} hit ${capped} times; ${confirmed.ok} of ${confirmed.ok + confirmed.failed} sampled ids (every ${CONFIRM_EVERY}th visible) confirmed through GetPayment without a token; ${cpuNote}.`,
      );
      return { achieved, sustained };
    };

    notes.push(
      `Visibility is polled in the view table directly (one connection, all pending ids per query, every ${PG_POLL_MS} ms; a payment counts when the poll that first returns it completes, so figures include up to ~${PG_POLL_MS} ms of polling slack). Searchability is an \`ids\` query on the alias every ${ES_POLL_MS} ms.`,
    );
    const atTarget = await commandPhase(COMMAND_RATE);
    if (!atTarget.sustained) {
      // The target rate queues in the command service: measure again where it keeps up.
      const lower = Math.max(50, Math.floor((atTarget.achieved * 0.5) / 50) * 50);
      await sleep(2_000);
      await commandPhase(lower);
    }

    // -- 4. query latency ------------------------------------------------------------------------
    const getPayment = (paymentId: string) =>
      unary(queries, 'GetPayment', { paymentId }, { deadlineMs: 5_000 }).then((r) => {
        if (r.payment?.paymentId !== paymentId) throw new Error(`GetPayment ${paymentId}: wrong`);
      });
    const QUERY_CALLERS = 16;
    const atRates = async (
      key: string,
      label: string,
      target: number,
      operation: (caller: number, iteration: number) => Promise<unknown>,
    ) => {
      const cpu = markCpu(query, command);
      const full = await pacedLoop(QUERY_CALLERS, QUERY_SECONDS * 1000, QUERY_RATE, operation);
      const fullCpu = spentCpu(cpu, query, command);
      let half: Run | undefined;
      if (full.rate < QUERY_RATE * 0.95)
        half = await pacedLoop(QUERY_CALLERS, QUERY_SECONDS * 1000, full.rate / 2, operation);
      const p99 = quantile(full.latencies, 0.99);
      const reached = full.rate >= QUERY_RATE * 0.95;
      figures.push(
        figure(`${key}.rate`, `${label}: rate reached`, full.rate, 'calls/s'),
        figure(`${key}.p50`, `${label}: p50`, quantile(full.latencies, 0.5), 'ms'),
        figure(`${key}.p99`, `${label}: p99 at ${QUERY_RATE}/s`, p99, 'ms', {
          op: '<=',
          limit: target,
          met: reached,
        }),
      );
      row(
        3,
        `${label} — ${reached ? `at ${QUERY_RATE}/s` : `at the highest rate reached, **${full.rate.toFixed(0)}/s** of ${QUERY_RATE}/s`} (${QUERY_CALLERS} callers, ${QUERY_SECONDS} s, ${full.latencies.length.toLocaleString('en')} calls${full.errors ? `, ${full.errors} errors` : ''})`,
        `p50 ${ms(quantile(full.latencies, 0.5))}, **p99 ${ms(p99)}**${half ? `; at half that rate (${half.rate.toFixed(0)}/s): p50 ${ms(quantile(half.latencies, 0.5))}, p99 ${ms(quantile(half.latencies, 0.99))}` : ''}`,
        `p99 ≤ ${target} ms${reached ? '' : ` at ${QUERY_RATE}/s`} (${verdict(p99 <= target && reached)})`,
      );
      notes.push(`${label} at ${full.rate.toFixed(0)}/s: ${fullCpu}.`);
    };

    // Cached: 100 payments read once to warm Redis, then read again and again.
    const hot = visibleIds.slice(0, 100);
    if (hot.length === 0) throw new Error('no payment became visible: nothing to read');
    for (const id of hot) await getPayment(id);
    await closedLoop(QUERY_CALLERS, 500, (c, i) => getPayment(pick(hot, c + i * QUERY_CALLERS)));
    await atRates('cached', 'GetPayment, cached (100 warm ids, Redis hit)', 2, (c, i) =>
      getPayment(pick(hot, c * 7 + i)),
    );

    // Uncached: every call a payment nobody has read yet, so a cache miss → Postgres → write-back.
    const cold = [...prefilled, ...visibleIds.slice(100)];
    let next = 0;
    let reused = 0;
    await atRates(
      'uncached',
      'GetPayment, uncached (distinct never-read ids: Redis miss → Postgres read → write-back)',
      10,
      () => {
        if (next >= cold.length) reused++;
        return getPayment(cold[next++ % cold.length]!);
      },
    );
    if (reused > 0) notes.push(`Uncached: ids ran out, ${reused} reads were repeats (cached).`);

    // Search: one payer's payments (1,000 payers in all) or a status + currency filter, each
    // sorted newest first, one page of 20.
    const filter = (field: string, op: paymentsV1.SearchOperator, values: string[]) => ({
      field,
      op,
      values,
      range: null,
    });
    const searchPayments = (i: number) =>
      unary(
        queries,
        'SearchPayments',
        i % 2 === 0
          ? {
              filters: [filter('payerAccountId', 'SEARCH_OPERATOR_EQ', [pick(PAYERS, i * 13)])],
              sort: [{ field: 'createdAt', order: 'SORT_ORDER_DESC' }],
              pageSize: 20,
            }
          : {
              filters: [
                filter('status', 'SEARCH_OPERATOR_IN', ['authorized']),
                filter('currency', 'SEARCH_OPERATOR_EQ', [pick(usdLike, i)]),
              ],
              sort: [{ field: 'createdAt', order: 'SORT_ORDER_DESC' }],
              pageSize: 20,
            },
        { deadlineMs: 5_000 },
      );
    await closedLoop(4, 500, (c, i) => searchPayments(c + i * 4));
    const searchCpu = markCpu(query, command);
    const searchRun = await closedLoop(8, QUERY_SECONDS * 1000, (c, i) =>
      searchPayments(c + i * 8),
    );
    const searchP99 = quantile(searchRun.latencies, 0.99);
    figures.push(
      figure('search.rate', 'SearchPayments, closed loop of 8', searchRun.rate, 'calls/s'),
      figure('search.p99', 'SearchPayments, p99', searchP99, 'ms', { op: '<=', limit: 50 }),
    );
    row(
      4,
      `SearchPayments (closed loop, 8 callers, ${QUERY_SECONDS} s: ${searchRun.rate.toFixed(0)}/s; by payer or by status + currency, newest 20${searchRun.errors ? `, ${searchRun.errors} errors` : ''})`,
      `p50 ${ms(quantile(searchRun.latencies, 0.5))}, **p99 ${ms(searchP99)}**`,
      `p99 ≤ 50 ms (${verdict(searchP99 <= 50)})`,
    );
    notes.push(`SearchPayments: ${spentCpu(searchCpu, query, command)}.`);
  } finally {
    clearTimeout(watchdog);
    const title = `### Payments read side (${startedAt.toISOString()}, run took ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s)`;
    console.log(`\n${title}\n`);
    console.log('| measure | value | target |');
    console.log('|---|---|---|');
    for (const { text } of rows.sort((a, b) => a.order - b.order)) console.log(text);
    console.log('');
    const cpu = cpus();
    console.log(
      `Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}; Postgres, Kafka, Redis and Elasticsearch run on the same host as the load generator and both services (load average ${load.toFixed(2)} at start). All numbers are from one run.`,
    );
    for (const note of notes) console.log(`\n- ${note}`);
    emitResult({
      name: 'read-side',
      startedAt: startedAt.toISOString(),
      parameters: {
        events: EVENTS,
        rate: COMMAND_RATE,
        seconds: SECONDS,
        queryRate: QUERY_RATE,
        querySeconds: QUERY_SECONDS,
        bulkBatches: BULK_BATCHES ? 1 : 0,
      },
      figures,
      curves: [],
    });
    await cleanOnce();
  }
};

const busyPercent = (
  before: ReturnType<typeof machineCpu>,
  after: ReturnType<typeof machineCpu>,
): number => 100 * (1 - (after.idle - before.idle) / Math.max(1, after.total - before.total));

const markCpu = (...procs: TestProcess[]): CpuMark => ({
  machine: machineCpu(),
  at: performance.now(),
  procs: procs.map((p) => processCpuMs(p.child.pid)),
});

/** "query service X% of a core, command service Y%, machine Z% busy" since `mark`. */
const spentCpu = (mark: CpuMark, query: TestProcess, command: TestProcess): string => {
  const elapsed = performance.now() - mark.at;
  const [q, c] = [query, command].map(
    (p, i) => ((processCpuMs(p.child.pid) - mark.procs[i]!) * 100) / elapsed,
  );
  return `query service ${q!.toFixed(0)}% of a core, command service ${c!.toFixed(0)}%, machine ${busyPercent(mark.machine, machineCpu()).toFixed(0)}% busy (the load generator, Postgres, Redis, Elasticsearch and Kafka share it)`;
};

/** The refresh interval in effect on the alias's index, and whether it is the default. */
const refreshInterval = async (
  search: ReturnType<typeof createSearchClient>,
  alias: string,
): Promise<string> => {
  try {
    const response = await search.indices.getSettings({
      index: alias,
      include_defaults: true,
      flat_settings: true,
    });
    const index = Object.values(response)[0] as
      | {
          settings?: Record<string, string | undefined>;
          defaults?: Record<string, string | undefined>;
        }
      | undefined;
    const set = index?.settings?.['index.refresh_interval'];
    if (set !== undefined) return `${set} (set on the index)`;
    const idle = index?.defaults?.['index.search.idle.after'];
    return `${index?.defaults?.['index.refresh_interval'] ?? '1s'} (default, not set on the index; search-idle after ${idle ?? '30s'})`;
  } catch (error) {
    return `unknown (${error instanceof Error ? error.message : String(error)})`;
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
