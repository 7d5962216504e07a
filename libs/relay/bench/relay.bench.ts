// Relay throughput and commit-to-ack latency, next to Kafka's own ProducerPerformance with the
// same message size, in one run on this machine.
//   npm run bench -- relay [--events 200000] [--rate 1000] [--seconds 10]
// The last line of output is the machine-readable result (`BENCH_JSON {…}`, @ledgerline/bench).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { categoryTopicSpec, toCloudEventMessage } from '@ledgerline/cloud-events';
import { migrate, PostgresEventStore, type RecordedEvent } from '@ledgerline/event-store';
import { createKafkaMessaging } from '@ledgerline/messaging';
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
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
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

  const started = Date.now();
  const relay = await startRelay({
    store,
    pool,
    categories: [category],
    messaging,
    logger: quiet,
    source: 'ledgerline/bench',
    batchSize: 2_000,
  });
  while (relay.status().published < EVENTS) await sleep(20);
  const drainSeconds = (Date.now() - started) / 1_000;
  const throughput = EVENTS / drainSeconds;

  // 2. Latency: events appended one by one at RATE/s, timed from commit to Kafka's ack.
  const committedAt = new Map<string, number>();
  const latencies: number[] = [];
  await relay.stop();
  const live = await startRelay({
    store,
    pool,
    categories: [category],
    messaging,
    logger: quiet,
    source: 'ledgerline/bench',
    onAcknowledged: (events) => {
      const now = performance.now();
      for (const e of events) {
        const t = committedAt.get(e.eventId);
        if (t !== undefined) latencies.push(now - t);
      }
    },
  });
  await sleep(1_000);
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
  while (latencies.length < total) await sleep(20);
  await live.stop();
  latencies.sort((a, b) => a - b);

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

  console.log(
    `\nRelay benchmark — ${EVENTS} events of ~${messageBytes} bytes (value + headers), ${streams} streams\n`,
  );
  console.log('| measure | value |');
  console.log('| --- | --- |');
  console.log(
    `| relay drain throughput (commit → Kafka ack) | ${Math.round(throughput).toLocaleString('en')} events/s |`,
  );
  console.log(
    `| Kafka ProducerPerformance, same size, acks=all, idempotent, 1 in flight | ${Math.round(perfRate).toLocaleString('en')} records/s |`,
  );
  console.log(`| relay / ProducerPerformance | ${((throughput / perfRate) * 100).toFixed(0)} % |`);
  console.log(
    `| commit → ack latency at ${RATE}/s: p50 | ${percentile(latencies, 0.5).toFixed(1)} ms |`,
  );
  console.log(
    `| commit → ack latency at ${RATE}/s: p99 | ${percentile(latencies, 0.99).toFixed(1)} ms |`,
  );
  emitResult({
    name: 'relay',
    startedAt,
    parameters: { events: EVENTS, rate: RATE, seconds: SECONDS, messageBytes, streams },
    figures: [
      figure('drain', 'relay drain throughput, commit → Kafka ack', throughput, 'events/s', {
        op: '>=',
        limit: 20_000,
      }),
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
      figure('latency.p50', `commit → ack at ${RATE}/s, p50`, percentile(latencies, 0.5), 'ms'),
      figure('latency.p99', `commit → ack at ${RATE}/s, p99`, percentile(latencies, 0.99), 'ms', {
        op: '<=',
        limit: 50,
      }),
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
