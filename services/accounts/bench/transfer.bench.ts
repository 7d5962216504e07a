// TransferFunds over gRPC, each transfer one transaction over two account streams (ADR 0022):
// `npm run bench -- transfer [--seconds 10] [--accounts 1000]`.
//
// 1. The accounts service starts as its own process (bench/service.process.ts, relay off) on a
//    fresh schema; N accounts are opened and funded.
// 2. 32 callers drive TransferFunds through the typed client, each around a ring of its own slice
//    of the accounts (no two callers share an account): transfers/s.
// 3. 32 callers paced at half that rate: latency from each call's scheduled start, p50/p99.
// 4. The same with DepositFunds (one stream) on the same accounts, for comparison; both carry an
//    idempotency key, as a client's retries need.
import { randomUUID } from 'node:crypto';
import { type AccountsClient, createAccountsClient } from '@ledgerline/accounts-client';
import { freePort, startProcess } from '@ledgerline/testing';
import { Pool } from 'pg';
import {
  closedLoop,
  cpuPerOp,
  type Outcome,
  pacedLoop,
  perSecond,
  processCpuMs,
  quantile,
} from './loops';
import { emitResult, figure } from '@ledgerline/bench';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return Number(at >= 0 ? process.argv[at + 1] : fallback);
};
const seconds = arg('seconds', Number(process.env['BENCH_SECONDS'] ?? 10));
const accounts = arg('accounts', 1_000);
const CALLERS = 32;
const postgresUrl = process.env['POSTGRES_URL'];
if (!postgresUrl) throw new Error('transfer.bench: POSTGRES_URL is not set');

const usd = (amountMinor: number) => ({ amountMinor: String(amountMinor), currency: 'USD' });

/** Caller `c` owns accounts c, c + 32, c + 64…; its i-th call moves 1 cent to the next of them. */
const slices = (ids: readonly string[]) => {
  const perCaller = Math.floor(ids.length / CALLERS);
  const at = (caller: number, index: number) => ids[caller + CALLERS * (index % perCaller)]!;
  return {
    transfer: (client: AccountsClient) => (caller: number, i: number) =>
      client.transferFunds({
        fromAccountId: at(caller, i),
        toAccountId: at(caller, i + 1),
        amount: usd(1),
        idempotencyKey: randomUUID(),
      }),
    deposit: (client: AccountsClient) => (caller: number, i: number) =>
      client.depositFunds({
        accountId: at(caller, i),
        amount: usd(1),
        idempotencyKey: randomUUID(),
      }),
  };
};

interface Case {
  readonly peak: Outcome;
  readonly latencies: number[];
  readonly serverCpuMs: number;
}

const main = async (): Promise<void> => {
  const startedAt = new Date().toISOString();
  const schema = `bench_transfer_${Date.now().toString(36)}`;
  const port = await freePort();
  const service = await startProcess('services/accounts/bench/service.process.ts', {
    BENCH_SCHEMA: schema,
    POSTGRES_URL: postgresUrl,
    GRPC_PORT: String(port),
    LOG_LEVEL: 'info',
    RELAY_ENABLED: 'false',
    ...(process.env['PG_POOL_SIZE'] && { PG_POOL_SIZE: process.env['PG_POOL_SIZE'] }),
  });
  await service.waitForOutput(/gRPC server listening/, 60_000);
  const client = createAccountsClient(`127.0.0.1:${port}`, { retries: 0 });
  const run = async (operation: (caller: number, i: number) => Promise<unknown>) => {
    await closedLoop(CALLERS, 1_000, operation); // warm-up: connections, JIT, plans
    const cpuBefore = processCpuMs(service.child.pid);
    const peak = await closedLoop(CALLERS, seconds * 1000, operation);
    const serverCpuMs = processCpuMs(service.child.pid) - cpuBefore;
    const latencies = await pacedLoop(CALLERS, seconds * 1000, perSecond(peak) / 2, operation);
    return { peak, latencies, serverCpuMs };
  };
  let transfers: Case;
  let deposits: Case;
  try {
    const ids = Array.from({ length: Math.max(accounts, 2 * CALLERS) }, () => randomUUID());
    for (let i = 0; i < ids.length; i += 64)
      await Promise.all(
        ids.slice(i, i + 64).map(async (accountId) => {
          await client.openAccount({
            accountId,
            ownerId: randomUUID(),
            kind: 'ACCOUNT_KIND_CUSTOMER',
            currency: 'USD',
          });
          await client.depositFunds({ accountId, amount: usd(1_000_000) });
        }),
      );
    const load = slices(ids);
    transfers = await run(load.transfer(client));
    deposits = await run(load.deposit(client));
  } finally {
    client.close();
    await service.kill('SIGTERM');
    const pool = new Pool({ connectionString: postgresUrl, max: 1 });
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  }

  const row = (name: string, unit: string, c: Case) => {
    const serviceCpu = ((c.serverCpuMs * 1000) / c.peak.operations).toFixed(0);
    console.log(
      `| ${name} | ${perSecond(c.peak).toFixed(0)} ${unit}/s (client CPU ${cpuPerOp(c.peak)}/op, service CPU ${serviceCpu} µs/op) | p50 ${quantile(c.latencies, 0.5).toFixed(2)} ms, p99 ${quantile(c.latencies, 0.99).toFixed(2)} ms (${c.latencies.length} calls at ${(perSecond(c.peak) / 2).toFixed(0)}/s) |`,
    );
  };
  console.log(
    `\n### TransferFunds over gRPC (${seconds} s per case, ${CALLERS} callers, ${accounts} accounts, pool ${process.env['PG_POOL_SIZE'] ?? '20'}, relay off, ${new Date().toISOString()})\n`,
  );
  console.log('| 32 callers, closed loop | rate | latency at half load |');
  console.log('|---|---|---|');
  row('TransferFunds (2 streams, 1 transaction)', 'transfers', transfers);
  row('DepositFunds (1 stream, 1 event), same accounts', 'commands', deposits);
  const figures = (key: string, name: string, unit: string, c: Case) => [
    figure(`${key}.rate`, `${name}, 32 callers`, perSecond(c.peak), `${unit}/s`),
    figure(`${key}.p50`, `${name} at half load, p50`, quantile(c.latencies, 0.5), 'ms'),
    figure(`${key}.p99`, `${name} at half load, p99`, quantile(c.latencies, 0.99), 'ms'),
  ];
  emitResult({
    name: 'transfer',
    startedAt,
    parameters: { seconds, accounts },
    figures: [
      ...figures('transfer', 'TransferFunds', 'transfers', transfers),
      ...figures('deposit', 'DepositFunds on the same accounts', 'commands', deposits),
    ],
    curves: [],
  });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
