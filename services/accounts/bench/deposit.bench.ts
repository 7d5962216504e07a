// DepositFunds over gRPC against the event store's raw append rate, measured in one run on the real
// Postgres: `npm run bench -- deposit [--seconds 10] [--accounts 1000] [--relay] [--against <checkout>]`.
//
// 1. The accounts service starts as its own process (bench/service.process.ts) on a fresh schema
//    (relay off unless --relay, so both sides write to an otherwise idle store; with it, to topics
//    of the run's own prefix); N accounts are opened. Client and server in separate processes,
//    as in production.
// 2. 32 callers drive DepositFunds through the typed client, each on its own slice of the
//    accounts (no two callers on one account, so no conflicts): commands/s.
// 3. 32 callers paced at half that rate: latency from each call's scheduled start, p50/p99.
// 4. 32 writers call store.append directly, one event per append, on a fresh schema: appends/s.
// 5. With --sweep 25,50,75,100,125 (percentages of the peak), 32 callers paced at each rate for
//    --sweep-seconds (default 5): p50/p99 against the offered rate, the throughput–latency curve.
// 6. With --against <checkout> (e.g. a worktree of the main branch), that checkout's service runs
//    beside this one's, each on its own schema and accounts: --rounds (default 3) closed loops of
//    each, alternated, then both paced at one rate (half the lower peak), so a change is measured
//    side by side in one run: commands/s and service CPU per command of each.
// The last line of output is the machine-readable result (`BENCH_JSON {…}`, @ledgerline/bench).
import { randomUUID } from 'node:crypto';
import { migrate, PostgresEventStore } from '@ledgerline/event-store';
import { createKafkaMessaging, namespacedMessaging } from '@ledgerline/messaging';
import { Pool } from 'pg';
import { type CurvePoint, emitResult, type Figure, figure } from '@ledgerline/bench';
import { abRounds, type AbResult, medianCpuOf, printAb, rateOf } from './deposit-ab';
import { CALLERS, peakOf, startDepositTarget } from './deposit-target';
import { closedLoop, cpuPerOp, type Outcome, pacedLoop, perSecond, quantile } from './loops';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return Number(at >= 0 ? process.argv[at + 1] : fallback);
};
const seconds = arg('seconds', Number(process.env['BENCH_SECONDS'] ?? 10));
const accounts = arg('accounts', 1_000);
const relay = process.argv.includes('--relay');
const sweepArg = process.argv.indexOf('--sweep');
const sweep = sweepArg >= 0 ? (process.argv[sweepArg + 1] ?? '').split(',').map(Number) : [];
const sweepSeconds = arg('sweep-seconds', 5);
const againstArg = process.argv.indexOf('--against');
const against = againstArg >= 0 ? process.argv[againstArg + 1] : undefined;
const rounds = arg('rounds', 3);
if (sweep.some((percent) => !(percent > 0)))
  throw new Error('deposit.bench: --sweep takes percentages of the peak, e.g. 25,50,100');
if (againstArg >= 0 && !against) throw new Error('deposit.bench: --against takes a checkout');
const postgresUrl = process.env['POSTGRES_URL'];
const kafkaBrokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
if (!postgresUrl) throw new Error('deposit.bench: POSTGRES_URL is not set');

const serviceEnv = {
  POSTGRES_URL: postgresUrl,
  KAFKA_BROKERS: kafkaBrokers,
  LOG_LEVEL: 'info',
  RELAY_ENABLED: String(relay),
  ...(process.env['PG_POOL_SIZE'] && { PG_POOL_SIZE: process.env['PG_POOL_SIZE'] }),
  // This checkout's service with group commit on (a checkout without it ignores the setting).
  ...(process.env['EVENT_STORE_GROUP_COMMIT'] && {
    EVENT_STORE_GROUP_COMMIT: process.env['EVENT_STORE_GROUP_COMMIT'],
  }),
  ...(process.env['EVENT_STORE_GROUP_COMMIT_IN_FLIGHT'] && {
    EVENT_STORE_GROUP_COMMIT_IN_FLIGHT: process.env['EVENT_STORE_GROUP_COMMIT_IN_FLIGHT'],
  }),
};

interface GrpcRun {
  readonly peak: Outcome;
  readonly serverCpuMs: number;
  readonly latencies: readonly number[];
  readonly curve: readonly CurvePoint[];
  readonly schemas: readonly string[];
  readonly ab?: AbResult;
}

const benchGrpc = async (): Promise<GrpcRun> => {
  const start = (checkout: string | undefined, schemaPrefix?: string) =>
    startDepositTarget({
      checkout,
      accounts,
      env: serviceEnv,
      ...(schemaPrefix && { schemaPrefix }),
    });
  const target = await start(undefined);
  const other =
    against === undefined
      ? undefined
      : await start(against, 'bench_against').catch(async (error: unknown) => {
          await target.stop();
          throw error;
        });
  try {
    const ab = other && (await abRounds([target, other], rounds, seconds * 1000));
    const { peak, serverCpuMs } = ab
      ? // This checkout's figures: its median round.
        [...ab.sides[0].runs].sort((a, b) => perSecond(a.peak) - perSecond(b.peak))[
          Math.floor(ab.sides[0].runs.length / 2)
        ]!
      : await peakOf(target, seconds * 1000);
    const latencies = ab
      ? ab.sides[0].latencies
      : await pacedLoop(CALLERS, seconds * 1000, perSecond(peak) / 2, target.deposit);
    const curve: CurvePoint[] = [];
    for (const percent of sweep) {
      const offered = (perSecond(peak) * percent) / 100;
      const started = performance.now();
      const at = await pacedLoop(CALLERS, sweepSeconds * 1000, offered, target.deposit);
      const achieved = (at.length * 1000) / (performance.now() - started);
      curve.push({ offered, achieved, p50: quantile(at, 0.5), p99: quantile(at, 0.99) });
      console.error(
        `deposit sweep ${percent}%: offered ${offered.toFixed(0)}/s, achieved ${achieved.toFixed(0)}/s, p50 ${quantile(at, 0.5).toFixed(2)} ms, p99 ${quantile(at, 0.99).toFixed(2)} ms`,
      );
    }
    const schemas = [target.schema, ...(other ? [other.schema] : [])];
    return { peak, serverCpuMs, latencies, curve, schemas, ...(ab && { ab }) };
  } finally {
    await target.stop();
    await other?.stop();
    if (relay) {
      await removeTopics(`${target.schema}.`);
      if (other) await removeTopics(`${other.schema}.`);
    }
  }
};

const removeTopics = async (prefix: string) => {
  const admin = await namespacedMessaging(
    createKafkaMessaging({ brokers: kafkaBrokers.split(','), clientId: 'deposit-bench' }),
    prefix,
  ).admin();
  await admin.deleteTopics(await admin.listTopics()).finally(() => admin.close());
};

const benchRawAppend = async () => {
  const schema = `bench_raw_${Date.now().toString(36)}`;
  const pool = new Pool({
    connectionString: postgresUrl,
    max: Number(process.env['PG_POOL_SIZE'] ?? 20),
  });
  try {
    await migrate(pool, { schema });
    const store = new PostgresEventStore({ pool, schema });
    const streams = Array.from(
      { length: Math.max(accounts, CALLERS) },
      () => `account-${randomUUID()}`,
    );
    const versions = new Map<string, number>();
    const perCaller = Math.floor(streams.length / CALLERS);
    const append = async (caller: number, iteration: number) => {
      const streamId = streams[caller + CALLERS * (iteration % perCaller)]!;
      const version = versions.get(streamId) ?? 0;
      const result = await store.append(
        streamId,
        [
          {
            type: 'FundsDeposited',
            data: {
              ...{ accountId: streamId.slice(8), amount: 100, currency: 'USD' },
              ...{ reference: 'bench deposit', balance: 100 * (version + 1), reserved: 0 },
              at: new Date().toISOString(),
            },
          },
        ],
        {
          expectedVersion: version === 0 ? 'no_stream' : version,
          metadata: { correlationId: randomUUID() },
        },
      );
      versions.set(streamId, result.nextVersion);
    };
    await closedLoop(CALLERS, 1_000, append);
    return { outcome: await closedLoop(CALLERS, seconds * 1000, append), schema, pool };
  } catch (error) {
    await pool.end();
    throw error;
  }
};

const dropSchemas = async (...schemas: string[]) => {
  const pool = new Pool({ connectionString: postgresUrl, max: 1 });
  for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
};

/** The other checkout's side of --against, and this checkout's CPU per command against it. */
const againstFigures = ({ sides: [own, other] }: AbResult): Figure[] => [
  figure('against.grpc', `DepositFunds over gRPC, ${other.label}`, rateOf(other), 'commands/s'),
  figure('against.serviceCpu', `service CPU per command, ${other.label}`, medianCpuOf(other), 'µs'),
  figure(
    'against.cpuChange',
    'service CPU per command, this checkout against the other (median rounds)',
    (medianCpuOf(own) / medianCpuOf(other) - 1) * 100,
    '%',
  ),
];

const main = async (): Promise<void> => {
  const startedAt = new Date().toISOString();
  const grpc = await benchGrpc();
  const raw = await benchRawAppend();
  await raw.pool.end();
  await dropSchemas(...grpc.schemas, raw.schema);

  const grpcRate = perSecond(grpc.peak);
  const rawRate = perSecond(raw.outcome);
  const ratio = (grpcRate / rawRate) * 100;
  const p50 = quantile(grpc.latencies, 0.5);
  const p99 = quantile(grpc.latencies, 0.99);
  const pool = process.env['PG_POOL_SIZE'] ?? '20';
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

  console.log(
    `\n### DepositFunds over gRPC vs raw appends (${seconds} s per case, ${CALLERS} callers, ${accounts} accounts, pool ${pool}, relay ${relay ? 'on' : 'off'}, ${new Date().toISOString()})\n`,
  );
  console.log('| measure | value | target |');
  console.log('|---|---|---|');
  console.log(
    `| DepositFunds over gRPC, 32 callers | ${grpcRate.toFixed(0)} commands/s (client CPU ${cpuPerOp(grpc.peak)}/op, service CPU ${((grpc.serverCpuMs * 1000) / grpc.peak.operations).toFixed(0)} µs/op) | |`,
  );
  console.log(
    `| store.append, 1 event, 32 writers | ${rawRate.toFixed(0)} appends/s (Node CPU ${cpuPerOp(raw.outcome)}/op) | |`,
  );
  console.log(`| ratio gRPC / raw | ${ratio.toFixed(0)}% | ≥ 70% (${verdict(ratio >= 70)}) |`);
  console.log(
    `| latency at half load (${(grpcRate / 2).toFixed(0)}/s, ${grpc.latencies.length} calls) | p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms | p99 ≤ 10 ms (${verdict(p99 <= 10)}) |`,
  );
  for (const point of grpc.curve)
    console.log(
      `| paced at ${point.offered.toFixed(0)}/s: achieved, p50 / p99 | ${point.achieved.toFixed(0)}/s, ${point.p50.toFixed(2)} ms / ${point.p99.toFixed(2)} ms | |`,
    );
  if (grpc.ab) printAb(grpc.ab, seconds * 1000);
  emitResult({
    name: 'deposit',
    startedAt,
    parameters: {
      seconds,
      ...(against !== undefined && { against, rounds }),
      callers: CALLERS,
      accounts,
      pool,
      relay,
      sweep: sweep.join(','),
      sweepSeconds,
    },
    figures: [
      figure('grpc', 'DepositFunds over gRPC, 32 callers', grpcRate, 'commands/s'),
      figure('raw', '`store.append`, 1 event, 32 writers', rawRate, 'appends/s'),
      figure('ratio', 'gRPC / raw appends, same concurrency', ratio, '%', { op: '>=', limit: 70 }),
      figure('halfLoad.p50', 'latency at half load, p50', p50, 'ms'),
      figure('halfLoad.p99', 'latency at half load, p99', p99, 'ms', { op: '<=', limit: 10 }),
      figure(
        'serviceCpu',
        'accounts service CPU per command',
        (grpc.serverCpuMs * 1000) / grpc.peak.operations,
        'µs',
      ),
      ...(grpc.ab ? againstFigures(grpc.ab) : []),
    ],
    curves:
      grpc.curve.length > 0
        ? [
            {
              key: 'deposit',
              label: 'DepositFunds over gRPC (32 callers)',
              rateUnit: 'commands/s',
              points: grpc.curve,
              p99Target: 10,
            },
          ]
        : [],
  });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
