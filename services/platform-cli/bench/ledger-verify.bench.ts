// Ledger verification benchmark: `npm run bench -- ledger-verify [--events 1000000]`.
// Bulk-inserts account streams into an event store of its own (per account: opened, 7 deposits,
// a reservation and its capture, 10 events), fills the balances and transaction-history views
// from it by the rebuild's batch path, then times `ledger verify` over it: the fold of every
// event and the comparison of every account. Everything it creates is removed afterwards.
import { parseArgs } from 'node:util';
import { emitResult, figure } from '@ledgerline/bench';
import { verifyLedger } from '@ledgerline/accounts-views';
import { migrate } from '@ledgerline/event-store';
import { createKafkaMessaging } from '@ledgerline/messaging';
import { type PostgresProjection } from '@ledgerline/projections';
import { rebuild, replayable } from '@ledgerline/replay';
import { createSearchClient } from '@ledgerline/search';
import { Pool } from 'pg';
import { ledgerViews } from '../src/ledger/views';
import { platformViews } from '../src/registry';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    'batch-size': { type: 'string', default: '10000' },
  },
});
const PER_ACCOUNT = 10;
const ACCOUNTS = Math.ceil(Number(values.events) / PER_ACCOUNT);
const CHUNK = 20_000; // accounts per INSERT: 200,000 events per transaction
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (source .stack/env)`);
  return value;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const id = Date.now().toString(36);
const names = { store: `bench_ledger_store_${id}`, read: `bench_ledger_read_${id}` };

/** One statement writes `count` accounts' streams, each in version order. */
const insertAccounts = (count: number) => `
  INSERT INTO "${names.store}".events
    (stream_id, stream_category, stream_version, event_id, event_type, schema_version, data, metadata)
  SELECT 'account-' || a.id, 'account', e.n, gen_random_uuid(), e.type, 1, e.data, '{}'::jsonb
    FROM (SELECT gen_random_uuid()::text AS id FROM generate_series(1, ${count})) a
    CROSS JOIN LATERAL (
      SELECT 1 AS n, 'AccountOpened' AS type,
             jsonb_build_object('accountId', a.id, 'ownerId', a.id, 'kind', 'customer',
                                'currency', 'EUR', 'at', '2026-01-01T00:00:00.000Z') AS data
      UNION ALL
      SELECT d, 'FundsDeposited',
             jsonb_build_object('accountId', a.id, 'amount', 100, 'currency', 'EUR',
                                'reference', null, 'balance', 100 * (d - 1), 'reserved', 0,
                                'at', '2026-01-01T00:00:01.000Z')
        FROM generate_series(2, 8) d
      UNION ALL
      SELECT 9, 'FundsReserved',
             jsonb_build_object('accountId', a.id, 'reservationId', a.id, 'amount', 50,
                                'currency', 'EUR', 'balance', 700, 'reserved', 50,
                                'at', '2026-01-01T00:00:02.000Z')
      UNION ALL
      SELECT 10, 'ReservationCaptured',
             jsonb_build_object('accountId', a.id, 'reservationId', a.id, 'amount', 50,
                                'currency', 'EUR', 'balance', 650, 'reserved', 0,
                                'at', '2026-01-01T00:00:03.000Z')) e
   ORDER BY a.id, e.n`;

const main = async () => {
  const startedAt = new Date().toISOString();
  const pool = new Pool({ connectionString: env('POSTGRES_URL'), max: 8 });
  const messaging = createKafkaMessaging({
    brokers: env('KAFKA_BROKERS').split(','),
    clientId: 'ledger-verify-bench',
  });
  const searchClient = createSearchClient(env('ELASTICSEARCH_URL'));
  const views = platformViews({
    accounts: { readSchema: names.read, sourceSchema: names.store, projectionPrefix: names.read },
    // Indices of their own that do not exist: the bench times the store and the Postgres views.
    payments: { searchAlias: `${names.read}_payments`, readSchema: names.read },
    orders: { searchAlias: `${names.read}_orders`, readSchema: names.read },
  });
  try {
    await migrate(pool, { schema: names.store });
    let started = Date.now();
    for (let done = 0; done < ACCOUNTS; done += CHUNK)
      await pool.query(insertAccounts(Math.min(CHUNK, ACCOUNTS - done)));
    await pool.query(`ANALYZE "${names.store}".events`);
    const events = ACCOUNTS * PER_ACCOUNT;
    console.log(`inserted ${fmt(events)} events in ${fmt(Date.now() - started)} ms`);

    await pool.query(`CREATE SCHEMA "${names.read}"`);
    started = Date.now();
    // The accounts query service's Postgres views (its search index is not compared here).
    for (const view of views.filter(
      (v) => v.service === 'accounts-query' && v.view.projection.sink === 'postgres',
    )) {
      const projection = view.view.projection as PostgresProjection;
      const client = await pool.connect();
      await projection.migrate!(client, projection.tables).finally(() => client.release());
      await rebuild(
        { pool, messaging },
        { ...view.view, projection: replayable(projection) },
        {
          verify: false,
        },
      );
    }
    console.log(`filled the balances and history views in ${fmt(Date.now() - started)} ms`);

    let last = 0;
    const result = await verifyLedger(
      { pool, searchClient, views: ledgerViews(views) },
      {
        batchSize: Number(values['batch-size']),
        settleMs: 0,
        progress: {
          advance(n) {
            last += n;
            if (last % 200_000 < n) console.log(`  folded ${fmt(last)} events`);
          },
        },
      },
    );
    console.log(`\n### Ledger verify (${new Date().toISOString()})\n`);
    console.log('| events | accounts | time | events/s | result |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(
      `| ${fmt(result.events)} | ${fmt(result.accounts)} | ${fmt(result.durationMs)} ms | ` +
        `${fmt(result.eventsPerSecond)} | ${result.ok ? 'equal' : 'DIFFERENCES'} |`,
    );
    console.log(
      result.views
        .map(
          (v) => `${v.view}: ${v.skipped ?? `${fmt(v.compared)} compared, ${v.differing} differ`}`,
        )
        .join('\n'),
    );
    emitResult({
      name: 'ledger-verify',
      startedAt,
      parameters: { events: result.events, accounts: result.accounts },
      figures: [
        figure('verify.seconds', 'ledger verify, fold and compare', result.durationMs / 1000, 's'),
        figure('verify.rate', 'ledger verify throughput', result.eventsPerSecond, 'events/s'),
        figure('verify.equal', 'ledger verify found the views equal', result.ok ? 1 : 0, 'yes=1', {
          op: '>=',
          limit: 1,
        }),
      ],
      curves: [],
    });
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${names.read}" CASCADE`);
    await pool.query(`DROP SCHEMA IF EXISTS "${names.store}" CASCADE`);
    await searchClient.close();
    await pool.end();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
