// How long a command takes to load an account of growing age, with and without snapshots, on the
// real Postgres: `npm run bench -- snapshots [--samples 20] [--every 200]`.
//
// For each age (200, 1,000 and 5,000 events) one account is filled (fixtures/long-account.ts),
// then `samples` DepositFunds run one after the other, each as from a freshly started process
// (no cached state): once loading the latest snapshot and the events after it, once folding the
// whole stream. Reported: the median and p90 milliseconds of the command, and the events read.
import { migrate, MIGRATIONS, PostgresEventStore } from '@ledgerline/event-store';
import { Pool } from 'pg';
import { coldDeposit, openLongAccount } from '../src/fixtures/long-account';
import { accountsService } from '../src/service';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return Number(at >= 0 ? process.argv[at + 1] : fallback);
};
const samples = arg('samples', 20);
const every = arg('every', 200);
const AGES = [200, 1_000, 5_000];
const postgresUrl = process.env['POSTGRES_URL'];
if (!postgresUrl) throw new Error('snapshots.bench: POSTGRES_URL is not set');

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
};

const main = async (): Promise<void> => {
  const schema = `bench_snapshots_${Date.now().toString(36)}`;
  const pool = new Pool({ connectionString: postgresUrl, max: 2 });
  const lines = [
    `| events on the account | snapshots | command p50 ms | p90 ms | events read |`,
    `|---|---|---|---|---|`,
  ];
  try {
    await migrate(pool, {
      schema,
      migrations: [...MIGRATIONS, ...(accountsService({ schema }).migrations ?? [])],
    });
    const store = new PostgresEventStore({ pool, schema });
    for (const age of AGES) {
      const { accountId } = await openLongAccount(store, { events: age, snapshotEvery: every });
      for (const snapshotEvery of [every, 0]) {
        const runs = [];
        for (let i = 0; i < samples; i++)
          runs.push(await coldDeposit(store, accountId, snapshotEvery));
        const ms = runs.map((run) => run.ms);
        const read = runs.map((run) => run.read.events);
        lines.push(
          `| ${age} | ${snapshotEvery > 0 ? `every ${every}` : 'off'} | ` +
            `${percentile(ms, 50).toFixed(2)} | ${percentile(ms, 90).toFixed(2)} | ` +
            `${Math.min(...read)}–${Math.max(...read)} |`,
        );
      }
    }
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  }
  process.stdout.write(`${lines.join('\n')}\n`);
};

void main();
