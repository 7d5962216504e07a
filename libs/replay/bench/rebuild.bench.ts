// Rebuild benchmark: `npm run bench -- rebuild [--events 1000000] [--writers 8] [--tail-rate 200]`.
// Fills an event store of its own with payments (each created, authorized, captured and partly
// refunded: 10 events), then rebuilds the payments Postgres view and the payments index from it
// while a relay and live projectors carry a steady tail of new commands, and reports the rebuild
// rate, the catch-up time and the switch pause. Everything it creates is removed afterwards.
// The last line of output is the machine-readable result (`BENCH_JSON {…}`, @ledgerline/bench).
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { migrate, PostgresEventStore } from '@ledgerline/event-store';
import { createLogger } from '@ledgerline/logging';
import { createKafkaMessaging } from '@ledgerline/messaging';
import { paymentsProjection, paymentsSearchProjection } from '@ledgerline/payments-views';
import {
  deadLetterTopic,
  type ElasticsearchProjection,
  elasticsearchProjection,
  type PostgresProjection,
  startProjector,
  type TableNames,
} from '@ledgerline/projections';
import {
  defaultRelayName,
  RelayCheckpoints,
  startRelay,
  topicForCategory,
} from '@ledgerline/relay';
import { createSearchClient } from '@ledgerline/search';
import { emitResult, figure } from '@ledgerline/bench';
import { Pool } from 'pg';
import { rebuild, replayable, type SwitchSummary } from '../src';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    writers: { type: 'string', default: '8' },
    'tail-rate': { type: 'string', default: '200' },
    'batch-size': { type: 'string', default: '10000' },
  },
});
const EVENTS = Number(values.events);
const WRITERS = Number(values.writers);
const TAIL_RATE = Number(values['tail-rate']);
const BATCH = Number(values['batch-size']);
const PER_PAYMENT = 10;
const logger = createLogger({ service: 'rebuild-bench', level: 'warn' });
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (source .stack/env)`);
  return value;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const msText = (n: number) => (n >= 1_000 ? `${(n / 1_000).toFixed(2)} s` : `${n.toFixed(1)} ms`);
const id = Date.now().toString(36);
const names = {
  store: `bench_rebuild_store_${id}`,
  read: `bench_rebuild_read_${id}`,
  category: `brpay_${id}`,
  alias: `bench_rebuild_payments_${id}`,
};
const topic = topicForCategory(names.category);

const lifecycle = (paymentId: string, at: string) => {
  const facts = {
    paymentId,
    orderId: randomUUID(),
    payerAccountId: randomUUID(),
    payeeAccountId: 'merchant-1',
    currency: 'EUR',
    at,
  };
  const amount = 10_000;
  const refunds = PER_PAYMENT - 3;
  return [
    { type: 'PaymentCreated', data: { ...facts, amount } },
    { type: 'PaymentAuthorized', data: { ...facts, amount, reservationId: randomUUID() } },
    { type: 'PaymentCaptured', data: { ...facts, amount, reservationId: randomUUID() } },
    ...Array.from({ length: refunds }, (_, i) => ({
      type: 'PaymentRefunded',
      data: {
        ...facts,
        refundId: randomUUID(),
        amount: 100,
        capturedAmount: amount,
        refundedTotal: 100 * (i + 1),
        fullyRefunded: false,
      },
    })),
  ];
};

/** Queries the live copy all along, recording the slowest answer and any failure. */
const probe = (query: () => Promise<unknown>) => {
  let running = true;
  let slowest = 0;
  let failures = 0;
  let ok = 0;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await query();
        ok += 1;
      } catch {
        failures += 1;
      }
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { slowest, failures, ok };
    },
  };
};

const main = async () => {
  const startedAt = new Date().toISOString();
  const pool = new Pool({ connectionString: env('POSTGRES_URL'), max: 30 });
  const messaging = createKafkaMessaging({
    brokers: env('KAFKA_BROKERS').split(','),
    clientId: 'rebuild-bench',
  });
  const searchClient = createSearchClient(env('ELASTICSEARCH_URL'));
  const store = new PostgresEventStore({ pool, schema: names.store });
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    await migrate(pool, { schema: names.store });
    cleanups.push(() => pool.query(`DROP SCHEMA IF EXISTS "${names.store}" CASCADE`));
    cleanups.push(() => pool.query(`DROP SCHEMA IF EXISTS "${names.read}" CASCADE`));
    cleanups.push(() =>
      searchClient.indices.delete({ index: `${names.alias}-*`, ignore_unavailable: true }),
    );

    // 1. The event store: one append of 10 events per payment, WRITERS appends at a time.
    const payments = Math.ceil(EVENTS / PER_PAYMENT);
    const filling = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (next < payments) {
          const n = next++;
          const paymentId = randomUUID();
          const at = new Date(Date.UTC(2026, 0, 1) + n * 1_000).toISOString();
          await store.append(`${names.category}-${paymentId}`, lifecycle(paymentId, at), {
            expectedVersion: 'no_stream',
          });
        }
      }),
    );
    const storeMs = performance.now() - filling;
    // What autovacuum does after a bulk load, done now so the figures do not depend on its timing
    // (without statistics the planner sorts the whole category for every readAll batch).
    await pool.query(`ANALYZE "${names.store}".events`);
    const total = payments * PER_PAYMENT;
    console.log(`store: ${fmt(total)} events (${fmt(payments)} payments) in ${msText(storeMs)}`);

    const pgProjection = paymentsProjection({
      name: `${names.category}.payments`,
      topics: [topic],
      tables: { payments: `${names.read}.payments_v1` },
    });
    const v1 = paymentsSearchProjection({
      name: `${names.category}.search`,
      topics: [topic],
      alias: names.alias,
    });
    const { sink: _sink, ...v1Definition } = v1;
    const v2 = elasticsearchProjection({
      ...v1Definition,
      searchIndex: { ...v1.searchIndex!, version: 2 },
    });
    const view = <Tables extends TableNames>(
      projection: PostgresProjection<Tables> | ElasticsearchProjection,
    ) => ({
      projection: replayable(projection),
      runtimeSchema: names.read,
      source: { schema: names.store, categories: [names.category] },
    });
    const deps = { pool, messaging, searchClient };
    const admin = await messaging.admin();
    cleanups.push(async () => {
      await admin.deleteTopics([
        topic,
        deadLetterTopic(pgProjection.name),
        deadLetterTopic(v1.name),
      ]);
      await admin.close();
    });
    await pool.query(`CREATE SCHEMA "${names.read}"`);
    const client = await pool.connect();
    await pgProjection.migrate!(client, pgProjection.tables).finally(() => client.release());

    // 2. The live Postgres copy as it would stand in production: a cold rebuild fills it (its
    // catch-up replays every event into the empty live tables too, so it is not the figure).
    const cold = await rebuild(deps, view(pgProjection), { verify: false, batchSize: BATCH });
    console.log(
      `cold Postgres rebuild (live copy empty): fill ${fmt(cold.eventsPerSecond)} events/s, catch-up ${msText(cold.catchUpMs)}, frozen ${msText(cold.frozenMs)}`,
    );

    // 3. A relay and live projectors from the head on, and a steady tail of new payments.
    const relayName = defaultRelayName(names.store, [names.category]);
    const checkpoints = new RelayCheckpoints(pool, names.store);
    await checkpoints.ensureTable();
    await checkpoints.save(relayName, await store.headCheckpoint());
    const relay = await startRelay({
      store,
      pool,
      categories: [names.category],
      messaging,
      logger,
      source: 'ledgerline/payments',
    });
    const common = {
      messaging,
      pool,
      schema: names.read,
      logger,
      lagIntervalMs: 60_000,
      consumer: { sessionTimeoutMs: 10_000 },
    };
    const livePg = await startProjector({ ...common, projection: pgProjection });
    const liveEs = await startProjector({ ...common, projection: v1, searchClient });
    let tailing = true;
    let tailEvents = 0;
    const tail = (async () => {
      const everyMs = (3 / TAIL_RATE) * 1_000;
      while (tailing) {
        const paymentId = randomUUID();
        const events = lifecycle(paymentId, new Date().toISOString()).slice(0, 3);
        for (const [version, event] of events.entries())
          await store.append(`${names.category}-${paymentId}`, [event], {
            expectedVersion: version,
          });
        tailEvents += 3;
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    })();
    // Until both live projectors have applied something in every partition.
    for (const projection of [pgProjection.name, v1.name]) {
      for (;;) {
        const { rows } = await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM "${names.read}".projection_offsets
            WHERE projection = $1 AND checkpoint_transaction_id IS NOT NULL`,
          [projection],
        );
        if (Number(rows[0]?.n) >= 6) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    // 4. The measured rebuilds, while the tail flows and queries read the live copies.
    const pgProbe = probe(() =>
      pool.query(`SELECT count(*) FROM ${names.read}.payments_v1 WHERE status = 'captured'`),
    );
    const pg = await rebuild(deps, view(pgProjection), { batchSize: BATCH });
    const pgQueries = await pgProbe.stop();
    const esProbe = probe(() =>
      searchClient.search({ index: names.alias, size: 0, query: { term: { status: 'captured' } } }),
    );
    const es = await rebuild(deps, view(v2), { batchSize: BATCH, acceptDifferences: true });
    const esQueries = await esProbe.stop();
    tailing = false;
    await tail;
    await livePg.stop();
    await liveEs.stop();
    await relay.stop();

    const row = (
      label: string,
      s: SwitchSummary,
      q: { slowest: number; failures: number; ok: number },
    ) =>
      `| ${label} | ${fmt(s.events)} | ${msText(s.fillMs)} | ${fmt(s.eventsPerSecond)} | ${msText(s.catchUpMs)} | ${msText(s.frozenMs)} | ${fmt(s.liveCatchUpEvents)} | ${msText(s.switchMs)} | ${msText(s.switchPauseMs)} | ${q.failures} of ${fmt(q.ok + q.failures)} (slowest ${msText(q.slowest)}) | ${s.verification ? (s.verification.equal ? 'equal' : 'differs (accepted)') : 'off'} |`;
    console.log('');
    console.log(
      `${fmt(total)} events, ${fmt(payments)} payments; tail ${fmt(tailEvents)} events at ~${TAIL_RATE}/s during the rebuilds; batch ${fmt(BATCH)}`,
    );
    console.log('');
    console.log(
      '| view | events | fill | events/s | catch-up | frozen | live copy caught up by | switch | queries paused | queries failed | verification |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    console.log(row('Postgres `payments_v1`', pg, pgQueries));
    console.log(row(`Elasticsearch \`${names.alias.replace(/_\w+$/, '')}…-v2\``, es, esQueries));
    console.log('');
    console.log(
      `both: ${msText(pg.durationMs + es.durationMs)} for ${fmt(total)} events into each (whole runs, catch-up and verification included)`,
    );
    const views = [
      ['postgres', 'Postgres view', pg, pgQueries, 50_000],
      ['elasticsearch', 'Elasticsearch index', es, esQueries, 10_000],
    ] as const;
    emitResult({
      name: 'rebuild',
      startedAt,
      parameters: { events: total, writers: WRITERS, tailRate: TAIL_RATE, batchSize: BATCH },
      figures: [
        ...views.flatMap(([key, label, summary, queries, rate]) => [
          figure(`${key}.rate`, `${label}: rebuild rate`, summary.eventsPerSecond, 'events/s', {
            op: '>=',
            limit: rate,
          }),
          figure(
            `${key}.catchUp`,
            `${label}: catch-up, end of fill → switch`,
            summary.catchUpMs,
            'ms',
          ),
          figure(`${key}.frozen`, `${label}: live projector frozen`, summary.frozenMs, 'ms'),
          // Queries wait on the table lock rather than seeing neither copy: reported, no target.
          figure(`${key}.switchPause`, `${label}: switch pause`, summary.switchPauseMs, 'ms'),
          figure(
            `${key}.queriesFailed`,
            `${label}: queries failed during the rebuild`,
            queries.failures,
            'queries',
            {
              op: '<=',
              limit: 0,
            },
          ),
        ]),
        figure('both', 'both rebuilds, whole runs', pg.durationMs + es.durationMs, 'ms'),
      ],
      curves: [],
    });
  } finally {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((e: unknown) => console.error(e));
    await searchClient.close();
    await pool.end();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
