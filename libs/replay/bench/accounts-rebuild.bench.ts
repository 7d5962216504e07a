// Accounts rebuild benchmark: `npm run bench -- accounts-rebuild [--events 200000]`.
// Fills an event store of its own with account streams (opened, then deposits, a reservation
// and its capture), then rebuilds the balances and the transaction-history views twice each, by
// the batch path and by the per-event handlers, and prints both rates side by side. No live
// projector runs (nothing is published), so the figures are the fill alone.
// The last line of output is the machine-readable result (`BENCH_JSON {…}`, @ledgerline/bench).
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  accountBalancesProjection,
  transactionHistoryProjection,
} from '@ledgerline/accounts-views';
import { migrate, PostgresEventStore } from '@ledgerline/event-store';
import { createKafkaMessaging } from '@ledgerline/messaging';
import { type PostgresProjection } from '@ledgerline/projections';
import { emitResult, figure, type Figure } from '@ledgerline/bench';
import { Pool } from 'pg';
import { rebuild, replayable, type ReplayableView } from '../src';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    writers: { type: 'string', default: '8' },
  },
});
const EVENTS = Number(values.events);
const WRITERS = Number(values.writers);
const PER_ACCOUNT = 10;
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (source .stack/env)`);
  return value;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const id = Date.now().toString(36);
const names = {
  store: `bench_acc_store_${id}`,
  read: `bench_acc_read_${id}`,
  category: `bacc_${id}`,
};

/** One account's 10 events: opened, 7 deposits, a reservation and its capture. */
const lifecycle = (accountId: string) => {
  const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
  const money = { accountId, currency: 'USD' };
  const deposits = Array.from({ length: PER_ACCOUNT - 3 }, (_, n) => ({
    type: 'FundsDeposited',
    data: {
      ...money,
      amount: 100,
      balance: 100 * (n + 1),
      reserved: 0,
      reference: null,
      at: at(n + 2),
    },
  }));
  const top = 100 * (PER_ACCOUNT - 3);
  const reservation = { ...money, reservationId: randomUUID(), amount: 50 };
  return [
    {
      type: 'AccountOpened',
      data: { ...money, ownerId: randomUUID(), kind: 'customer', at: at(1) },
    },
    ...deposits,
    { type: 'FundsReserved', data: { ...reservation, balance: top, reserved: 50, at: at(20) } },
    {
      type: 'ReservationCaptured',
      data: { ...reservation, balance: top - 50, reserved: 0, at: at(21) },
    },
  ];
};

const main = async () => {
  const startedAt = new Date().toISOString();
  const figures: Figure[] = [];
  const pool = new Pool({ connectionString: env('POSTGRES_URL'), max: WRITERS + 4 });
  const messaging = createKafkaMessaging({
    brokers: env('KAFKA_BROKERS').split(','),
    clientId: 'accounts-rebuild-bench',
  });
  const store = new PostgresEventStore({ pool, schema: names.store });
  try {
    await migrate(pool, { schema: names.store });
    const accounts = Math.ceil(EVENTS / PER_ACCOUNT);
    let next = 0;
    const fillStarted = Date.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (next < accounts) {
          next += 1;
          const accountId = randomUUID();
          await store.append(`${names.category}-${accountId}`, lifecycle(accountId), {
            expectedVersion: 'no_stream',
          });
        }
      }),
    );
    await pool.query(`ANALYZE "${names.store}".events`);
    console.log(
      `filled ${fmt(accounts * PER_ACCOUNT)} events in ${fmt(Date.now() - fillStarted)} ms`,
    );
    await pool.query(`CREATE SCHEMA "${names.read}"`);
    const views: [string, PostgresProjection][] = [
      [
        'balances',
        accountBalancesProjection({
          name: `${names.category}.balances`,
          tables: { balances: `${names.read}.balances_v1` },
        }) as unknown as PostgresProjection,
      ],
      [
        'transaction history',
        transactionHistoryProjection({
          name: `${names.category}.history`,
          tables: {
            transactions: `${names.read}.transactions_v1`,
            heads: `${names.read}.history_heads_v1`,
          },
        }) as unknown as PostgresProjection,
      ],
    ];
    const rows: string[] = [];
    for (const [label, projection] of views) {
      const client = await pool.connect();
      await projection.migrate!(client, projection.tables).finally(() => client.release());
      const view: ReplayableView = {
        projection: replayable(projection),
        runtimeSchema: names.read,
        source: { schema: names.store, categories: [names.category] },
      };
      const deps = { pool, messaging };
      const bulk = await rebuild(deps, view, { verify: false });
      const handlers = await rebuild(deps, view, { verify: true, forceHandlers: true });
      rows.push(
        `| ${label} | ${fmt(bulk.events)} | ${fmt(bulk.eventsPerSecond)} events/s (${fmt(bulk.fillMs)} ms) | ` +
          `${fmt(handlers.eventsPerSecond)} events/s (${fmt(handlers.fillMs)} ms) | ` +
          `${(bulk.eventsPerSecond / handlers.eventsPerSecond).toFixed(1)}× | ` +
          `${handlers.verification?.equal ? 'equal' : 'DIFFERENT'} |`,
      );
      const key = label.replace(/ (\w)/g, (_, c: string) => c.toUpperCase());
      figures.push(
        figure(`${key}.batch`, `${label}: batch path`, bulk.eventsPerSecond, 'events/s'),
        figure(
          `${key}.handlers`,
          `${label}: per-event handlers`,
          handlers.eventsPerSecond,
          'events/s',
        ),
        figure(
          `${key}.equal`,
          `${label}: copies equal (1 = yes)`,
          handlers.verification?.equal ? 1 : 0,
          '',
          {
            op: '>=',
            limit: 1,
          },
        ),
      );
    }
    console.log(`\n### Accounts rebuild (${new Date().toISOString()})\n`);
    console.log('| view | events | batch path | per-event handlers | speed-up | copies compared |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
    emitResult({
      name: 'accounts-rebuild',
      startedAt,
      parameters: { events: EVENTS, writers: WRITERS },
      figures,
      curves: [],
    });
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${names.read}" CASCADE`);
    await pool.query(`DROP SCHEMA IF EXISTS "${names.store}" CASCADE`);
    await pool.end();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
