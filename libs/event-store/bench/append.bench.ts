// Append throughput and latency of the event store against the machine's own limits, measured in
// one run on the real Postgres: `npm run bench -- append [--seconds 5]`.
//
// Each case runs `seconds` (default 5, env BENCH_SECONDS or --seconds), split into 4 slices that
// alternate with its bare counterpart so background load hits both alike. "Bare" cases insert rows
// of the same columns and sizes into a table with no index, constraint or lock: what the server
// can do at all. Ratios compare the event store with the bare case at the same concurrency.
// The last line of output is the machine-readable result (`BENCH_JSON {…}`, @ledgerline/bench).
import { randomUUID } from 'node:crypto';
import { emitResult, figure, type Figure } from '@ledgerline/bench';
import { Pool } from 'pg';

import { migrate, PostgresEventStore, type NewEvent } from '../src/index';

const argSeconds = process.argv.indexOf('--seconds');
const seconds = Number(
  argSeconds >= 0 ? process.argv[argSeconds + 1] : (process.env['BENCH_SECONDS'] ?? 5),
);
const postgresUrl = process.env['POSTGRES_URL'];
if (!postgresUrl) throw new Error('append.bench: POSTGRES_URL is not set');
if (!(seconds > 0)) throw new Error('append.bench: --seconds must be a positive number');

const schema = `bench_${Date.now().toString(36)}`;
const s = `"${schema}"`;

const payload = () => ({
  accountId: randomUUID(),
  amountMinor: 125_000,
  currency: 'EUR',
  reference: 'invoice 2026-000123 / monthly settlement',
});
const metadataOf = (eventId: string) => ({ actor: 'bench', correlationId: 'bench-run', eventId });

interface Outcome {
  readonly operations: number;
  readonly elapsedMs: number;
  /** CPU this Node process spent (user + system), to tell client cost from server cost. */
  readonly clientCpuMs: number;
}

/** Runs `clients` loops of `operation` for `ms`; counts completed operations. */
const closedLoop = async (
  clients: number,
  ms: number,
  operation: (client: number, iteration: number) => Promise<void>,
): Promise<Outcome> => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const deadline = started + ms;
  let operations = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < deadline; i++) {
        await operation(client, i);
        operations++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    operations,
    elapsedMs: performance.now() - started,
    clientCpuMs: (used.user + used.system) / 1000,
  };
};

const perSecond = ({ operations, elapsedMs }: Outcome, factor = 1): number =>
  (operations * factor * 1000) / elapsedMs;

/**
 * Runs the bare case and the event-store case alternately in ROUNDS slices, so load from anything
 * else on the machine drifts over both alike; returns the totals of each.
 */
const ROUNDS = 4;
type Operation = (client: number, iteration: number) => Promise<void>;
const compare = async (
  clients: number,
  bare: Operation,
  store: Operation,
  grouped?: Operation,
): Promise<{ bare: Outcome; store: Outcome; grouped: Outcome }> => {
  const zero = (): Outcome => ({ operations: 0, elapsedMs: 0, clientCpuMs: 0 });
  const total = { bare: zero(), store: zero(), grouped: zero() };
  const add = (side: keyof typeof total, o: Outcome) => {
    total[side] = {
      operations: total[side].operations + o.operations,
      elapsedMs: total[side].elapsedMs + o.elapsedMs,
      clientCpuMs: total[side].clientCpuMs + o.clientCpuMs,
    };
  };
  const slice = (seconds * 1000) / ROUNDS;
  let iteration = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const offset = iteration;
    const b = await closedLoop(clients, slice, (client, i) => bare(client, offset + i));
    iteration += b.operations + 1;
    add('bare', b);
    add('store', await closedLoop(clients, slice, store));
    if (grouped) add('grouped', await closedLoop(clients, slice, grouped));
  }
  return total;
};

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

const main = async (): Promise<void> => {
  const startedAt = new Date().toISOString();
  const pool = new Pool({ connectionString: postgresUrl, max: 34 });
  await migrate(pool, { schema });
  await pool.query(`
    CREATE TABLE ${s}.bare (
      global_position bigint GENERATED ALWAYS AS IDENTITY,
      stream_id text, stream_category text, stream_version integer, event_id uuid,
      event_type text, schema_version integer, data jsonb, metadata jsonb,
      recorded_at timestamptz DEFAULT now(), transaction_id xid8 DEFAULT pg_current_xact_id()
    )`);
  const store = new PostgresEventStore({ pool, schema });
  // The same store with group commit (ADR 0033), its appends in flight capped at
  // BENCH_GROUP_IN_FLIGHT (default 4, about the server's cores): the rest go together.
  const groupInFlight = Number(process.env['BENCH_GROUP_IN_FLIGHT'] ?? 4);
  const grouped = new PostgresEventStore({
    pool,
    schema,
    groupCommit: { maxInFlight: groupInFlight },
  });
  // Warm every connection so connection setup is not measured.
  await Promise.all(Array.from({ length: 34 }, () => pool.query('SELECT 1')));

  const bareColumns = `stream_id, stream_category, stream_version, event_id, event_type, schema_version, data, metadata`;
  const bareRow = (stream: string, version: number): unknown[] => {
    const id = randomUUID();
    return [
      stream,
      'bench',
      version,
      id,
      'FundsDeposited',
      1,
      JSON.stringify(payload()),
      JSON.stringify(metadataOf(id)),
    ];
  };
  const bareInsert = (rows: number) => {
    const values = Array.from(
      { length: rows },
      (_, r) => `(${Array.from({ length: 8 }, (_, c) => `$${r * 8 + c + 1}`).join(', ')})`,
    ).join(', ');
    const sql = `INSERT INTO ${s}.bare (${bareColumns}) VALUES ${values}`;
    // Named like the store's own statement, so both are parsed and planned once per connection.
    return (client: number, iteration: number) =>
      pool
        .query({
          name: `bare-${rows}`,
          text: sql,
          values: Array.from({ length: rows }, (_, r) =>
            bareRow(`bench-bare${client}`, iteration * rows + r + 1),
          ).flat(),
        })
        .then(() => undefined);
  };

  let run = 0;
  const appendLoop = (batch: number, through = store) => {
    const prefix = `bench-${run++}x`;
    const versions = new Map<number, number>();
    return async (client: number): Promise<void> => {
      const version = versions.get(client) ?? 0;
      const events: NewEvent[] = Array.from({ length: batch }, () => ({
        type: 'FundsDeposited',
        data: payload(),
      }));
      const result = await through.append(`${prefix}${client}`, events, {
        expectedVersion: version,
        metadata: { actor: 'bench', correlationId: 'bench-run' },
      });
      versions.set(client, result.nextVersion);
    };
  };

  const rows: string[] = [];
  const figures: Figure[] = [];
  // Issue 15's targets: single appends ≥ 75% of the bare insert at 8 and 32 writers, batches ≥ 70%.
  const targetOf = (rowsPerOp: number, clients: number) =>
    rowsPerOp === 1 ? (clients >= 8 ? 75 : undefined) : 70;
  const cpuPerOp = (o: Outcome): string =>
    `${((o.clientCpuMs * 1000) / o.operations).toFixed(0)} µs`;
  const report = (
    name: string,
    clients: number,
    o: { bare: Outcome; store: Outcome },
    rowsPerOp: number,
    keySuffix = '',
  ) => {
    const store = perSecond(o.store, rowsPerOp);
    const bare = perSecond(o.bare, rowsPerOp);
    const ratio = `${((store / bare) * 100).toFixed(0)}%`;
    const line = `| ${name} | ${clients} | ${store.toFixed(0)} | ${bare.toFixed(0)} | **${ratio}** | ${cpuPerOp(o.store)} / ${cpuPerOp(o.bare)} |`;
    rows.push(line);
    console.error(line);
    const key = `${rowsPerOp === 1 ? 'single' : `batch${rowsPerOp}`}${keySuffix}.${clients}`;
    const writers = `${clients} writer${clients === 1 ? '' : 's'}`;
    const target = targetOf(rowsPerOp, clients);
    figures.push(
      figure(`${key}.store`, `${name}, ${writers}: event store`, store, 'rows/s'),
      figure(`${key}.bare`, `${name}, ${writers}: bare INSERT`, bare, 'rows/s'),
      figure(
        `${key}.ratio`,
        `${name}, ${writers}: store / bare`,
        (store / bare) * 100,
        '%',
        target === undefined ? undefined : { op: '>=', limit: target },
      ),
    );
    return store;
  };

  let peak32 = 0;
  for (const clients of [1, 8, 32]) {
    const o = await compare(clients, bareInsert(1), appendLoop(1), appendLoop(1, grouped));
    const appended = report('1 event per append', clients, o, 1);
    report(
      `1 event per append, group commit (${groupInFlight} in flight)`,
      clients,
      { bare: o.bare, store: o.grouped },
      1,
      '.grouped',
    );
    if (clients === 32) peak32 = appended;
  }
  for (const clients of [1, 8]) {
    report(
      'batch of 100 per append',
      clients,
      await compare(clients, bareInsert(100), appendLoop(100)),
      100,
    );
  }

  // Latency at half the 32-writer peak: 32 writers on a fixed schedule, measured from the
  // scheduled start (so a stall counts against every append queued behind it).
  const rate = peak32 / 2;
  const interval = (32 * 1000) / rate;
  const pacedLatencies = async (through: PostgresEventStore) => {
    const latencies: number[] = [];
    const append = appendLoop(1, through);
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: 32 }, async (_, client) => {
        for (let due = started + (client * interval) / 32; due < deadline; due += interval) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          await append(client);
          latencies.push(performance.now() - due);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    return { latencies, achieved: (latencies.length * 1000) / (performance.now() - started) };
  };
  const { latencies, achieved } = await pacedLatencies(store);
  const groupedPaced = await pacedLatencies(grouped);

  console.log(
    `\n### Event store append benchmark (${seconds} s per case, ${new Date().toISOString()})\n`,
  );
  console.log(
    '| case | writers | event store rows/s | bare INSERT rows/s | ratio | Node CPU per op (store / bare) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log(
    `\nLatency at half the 32-writer peak (target ${rate.toFixed(0)}/s, achieved ${achieved.toFixed(0)}/s, ${latencies.length} appends): ` +
      `p50 ${quantile(latencies, 0.5).toFixed(2)} ms, p99 ${quantile(latencies, 0.99).toFixed(2)} ms, max ${(latencies[latencies.length - 1] ?? 0).toFixed(2)} ms`,
  );
  const g = groupedPaced.latencies;
  console.log(
    `With group commit (${groupInFlight} in flight, same target, achieved ${groupedPaced.achieved.toFixed(0)}/s, ${g.length} appends): ` +
      `p50 ${quantile(g, 0.5).toFixed(2)} ms, p99 ${quantile(g, 0.99).toFixed(2)} ms, max ${(g[g.length - 1] ?? 0).toFixed(2)} ms`,
  );

  emitResult({
    name: 'append',
    startedAt,
    parameters: { seconds },
    figures: [
      ...figures,
      figure('halfPeak.rate', 'paced at half the 32-writer peak: achieved', achieved, 'appends/s'),
      figure(
        'halfPeak.p50',
        'append latency at half the 32-writer peak, p50',
        quantile(latencies, 0.5),
        'ms',
      ),
      figure(
        'halfPeak.p99',
        'append latency at half the 32-writer peak, p99',
        quantile(latencies, 0.99),
        'ms',
      ),
      figure(
        'halfPeak.grouped.p99',
        'append latency at half the 32-writer peak with group commit, p99',
        quantile(groupedPaced.latencies, 0.99),
        'ms',
      ),
    ],
    curves: [],
  });

  await pool.query(`DROP SCHEMA ${s} CASCADE`);
  await pool.end();
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
