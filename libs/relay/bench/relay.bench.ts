// Relay throughput and commit-to-ack latency, next to Kafka's own ProducerPerformance with the
// same message size, in one run on this machine. The relay as it runs (read-ahead, lean kafkajs
// encoding) and as it ran before (neither) take turns, `--rounds` times each, so both see the
// same host; the best drain and the lower p99 of each are reported.
//   npm run bench -- relay [--events 200000] [--rate 1000] [--seconds 10] [--rounds 2]
// The last line of output is the machine-readable result (`BENCH_JSON {…}`, @ledgerline/bench).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { categoryTopicSpec, toCloudEventMessage } from '@ledgerline/cloud-events';
import { migrate, PostgresEventStore, type RecordedEvent } from '@ledgerline/event-store';
import { createKafkaMessaging, useLeanKafkaEncoding } from '@ledgerline/messaging';
import { servers, uniqueName, workspaceRoot } from '@ledgerline/testing';
import { emitResult, figure } from '@ledgerline/bench';
import { Pool } from 'pg';
import { startRelay } from '../src/relay';

const arg = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const EVENTS = arg('events', 200_000);
const RATE = arg('rate', 1_000);
const SECONDS = arg('seconds', 10);
const ROUNDS = arg('rounds', 2);
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** `before`: one batch at a time, kafkajs's own encoder; `after`: the relay as it runs. */
const variants = [
  { label: 'before', readAhead: false, leanEncoding: false },
  { label: 'after', readAhead: true, leanEncoding: true },
] as const;
type Variant = (typeof variants)[number];
const payload = (n: number) => ({
  accountId: randomUUID(),
  amountMinor: 1000 + n,
  currency: 'EUR',
  reference: `bench-${n}`,
});

const main = async () => {
  const startedAt = new Date().toISOString();
  const { postgresUrl, kafkaBrokers } = await servers();
  const pool = new Pool({ connectionString: postgresUrl, max: 20 });
  const messaging = createKafkaMessaging({ brokers: kafkaBrokers, clientId: 'relay-bench' });

  // 1. Throughput: a backlog of EVENTS committed events, drained from a cold start.
  const schema = uniqueName('relay_bench');
  const category = uniqueName('bench');
  await migrate(pool, { schema });
  const store = new PostgresEventStore({ pool, schema });
  const streams = 1_000;
  for (let done = 0; done < EVENTS; done += 100) {
    await store.append(
      `${category}-s${(done / 100) % streams}`,
      Array.from({ length: 100 }, (_, i) => ({ type: 'FundsDeposited', data: payload(done + i) })),
      {
        expectedVersion: 'any',
      },
    );
  }
  const sample = (await store.readAll({ limit: 1 })).events[0] as RecordedEvent;
  const message = toCloudEventMessage(sample, 'ledgerline/bench');
  const messageBytes =
    Buffer.byteLength(message.value) +
    Object.entries(message.headers ?? {}).reduce((n, [k, v]) => n + k.length + v.length, 0);

  const relayOf = (
    variant: Variant,
    name: string,
    extra: Partial<Parameters<typeof startRelay>[0]> = {},
  ) => {
    useLeanKafkaEncoding(variant.leanEncoding);
    return startRelay({
      store,
      pool,
      categories: [category],
      messaging,
      logger: quiet,
      source: 'ledgerline/bench',
      name: `${schema}:${name}`,
      readAhead: variant.readAhead,
      ...extra,
    });
  };

  // Each variant drains the whole backlog from the start under a relay name of its own.
  const drain = async (variant: Variant, round: number) => {
    const started = Date.now();
    const relay = await relayOf(variant, `${variant.label}-${round}`, { batchSize: 2_000 });
    while (relay.status().published < EVENTS) await sleep(20);
    const rate = EVENTS / ((Date.now() - started) / 1_000);
    await relay.stop();
    console.log(`drain ${variant.label} #${round}: ${Math.round(rate)} events/s`);
    return rate;
  };

  // 2. Latency: events appended one by one at RATE/s, timed from commit to Kafka's ack.
  const latencyRun = async (variant: Variant, round: number) => {
    // Both times are kept by event id: an ack can arrive before the appending caller has seen its
    // commit (the relay woke on another append's notification), and must still be counted.
    const committedAt = new Map<string, number>();
    const ackedAt = new Map<string, number>();
    const live = await relayOf(variant, `live-${variant.label}`, {
      onAcknowledged: (events) => {
        const now = performance.now();
        for (const e of events) if (!ackedAt.has(e.eventId)) ackedAt.set(e.eventId, now);
      },
    });
    // A variant's first run starts from the beginning of the log: let it catch up first.
    while ((await live.lag()).events > 0) await sleep(100);
    await sleep(500);
    const total = RATE * SECONDS;
    const t0 = performance.now();
    const inFlight: Promise<unknown>[] = [];
    for (let i = 0; i < total; i += 1) {
      const due = t0 + (i * 1_000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const eventId = randomUUID();
      inFlight.push(
        store
          .append(
            `${category}-live${i % 100}`,
            [{ type: 'FundsDeposited', data: payload(i), eventId }],
            { expectedVersion: 'any' },
          )
          .then(() => committedAt.set(eventId, performance.now())),
      );
    }
    await Promise.all(inFlight);
    const deadline = performance.now() + 30_000;
    const unacked = () => [...committedAt.keys()].filter((id) => !ackedAt.has(id));
    while (unacked().length > 0 && performance.now() < deadline) await sleep(20);
    await live.stop();
    const missing = unacked();
    if (missing.length > 0)
      throw new Error(
        `latency ${variant.label} #${round}: ${missing.length} of ${total} committed events never acknowledged within 30 s (first: ${missing[0]})`,
      );
    const latencies = [...committedAt].map(([id, at]) => Math.max(0, ackedAt.get(id)! - at));
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 0.5);
    const p99 = percentile(latencies, 0.99);
    console.log(
      `latency ${variant.label} #${round}: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
    );
    return { p50, p99 };
  };

  const drains = new Map<string, number[]>(variants.map((v) => [v.label, []]));
  const lags = new Map<string, { p50: number; p99: number }[]>(variants.map((v) => [v.label, []]));
  for (let round = 1; round <= ROUNDS; round += 1)
    for (const variant of round % 2 === 1 ? variants : [...variants].reverse())
      drains.get(variant.label)?.push(await drain(variant, round));
  for (let round = 1; round <= ROUNDS; round += 1)
    for (const variant of round % 2 === 1 ? variants : [...variants].reverse())
      lags.get(variant.label)?.push(await latencyRun(variant, round));
  useLeanKafkaEncoding(true);
  const best = (label: string) => Math.max(...(drains.get(label) ?? []));
  const lowest = (label: string, p: 'p50' | 'p99') =>
    Math.min(...(lags.get(label) ?? []).map((l) => l[p]));
  const throughput = best('after');
  const throughputBefore = best('before');

  // 3. The machine's limit: Kafka's own producer, same record size, acks=all, idempotent.
  const perfTopic = categoryTopicSpec(uniqueName('perf'));
  const admin = await messaging.admin();
  await admin.ensureTopics([perfTopic]);
  const lib = join(
    process.env['LEDGERLINE_STACK_DIR'] ?? join(workspaceRoot, '.stack'),
    'kafka',
    'lib',
    '*',
  );
  const perfOutput = execFileSync(
    'java',
    [
      '-Xmx512m',
      '-cp',
      lib,
      '-Dlog4j.configuration=file:/dev/null',
      'org.apache.kafka.tools.ProducerPerformance',
      '--topic',
      perfTopic.topic,
      '--num-records',
      String(EVENTS),
      '--record-size',
      String(messageBytes),
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${kafkaBrokers.join(',')}`,
      'acks=all',
      'enable.idempotence=true',
      'max.in.flight.requests.per.connection=1',
    ],
    { encoding: 'utf8' },
  );
  const perfRate = Number(
    /([\d.]+) records\/sec/.exec(perfOutput.trim().split('\n').pop() ?? '')?.[1] ?? NaN,
  );
  await admin.deleteTopics([perfTopic.topic]);
  await admin.close();

  const percent = (rate: number) => ((rate / perfRate) * 100).toFixed(0);
  console.log(
    `\nRelay benchmark — ${EVENTS} events of ~${messageBytes} bytes (value + headers), ${streams} streams, best of ${ROUNDS} rounds\n`,
  );
  console.log('| measure | before | after |');
  console.log('| --- | --- | --- |');
  console.log(
    `| relay drain throughput (commit → Kafka ack), events/s | ${Math.round(throughputBefore).toLocaleString('en')} | ${Math.round(throughput).toLocaleString('en')} |`,
  );
  console.log(
    `| relay / ProducerPerformance (${Math.round(perfRate).toLocaleString('en')} records/s, acks=all, idempotent, 1 in flight) | ${percent(throughputBefore)} % | ${percent(throughput)} % |`,
  );
  for (const p of ['p50', 'p99'] as const)
    console.log(
      `| commit → ack latency at ${RATE}/s: ${p}, ms | ${lowest('before', p).toFixed(1)} | ${lowest('after', p).toFixed(1)} |`,
    );
  emitResult({
    name: 'relay',
    startedAt,
    parameters: {
      events: EVENTS,
      rate: RATE,
      seconds: SECONDS,
      rounds: ROUNDS,
      messageBytes,
      streams,
    },
    figures: [
      figure('drain', 'relay drain throughput, commit → Kafka ack', throughput, 'events/s', {
        op: '>=',
        limit: 20_000,
      }),
      figure(
        'drain.before',
        'the same without read-ahead and lean encoding',
        throughputBefore,
        'events/s',
      ),
      figure(
        'producerPerformance',
        'Kafka ProducerPerformance, same record size',
        perfRate,
        'records/s',
      ),
      figure('ratio', 'relay / ProducerPerformance', (throughput / perfRate) * 100, '%', {
        op: '>=',
        limit: 33,
      }),
      figure('latency.p50', `commit → ack at ${RATE}/s, p50`, lowest('after', 'p50'), 'ms'),
      figure('latency.p99', `commit → ack at ${RATE}/s, p99`, lowest('after', 'p99'), 'ms', {
        op: '<=',
        limit: 50,
      }),
      figure(
        'latency.p99.before',
        `commit → ack at ${RATE}/s, p99, without read-ahead and lean encoding`,
        lowest('before', 'p99'),
        'ms',
      ),
    ],
    curves: [],
  });
  await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  await pool.end();
};

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
