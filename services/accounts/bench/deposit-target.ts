// One accounts service under load for deposit.bench.ts: started (this checkout's or another's),
// its accounts opened, its callers warmed up; the closed loop measured with the service's CPU.
import { randomUUID } from 'node:crypto';
import { type AccountsClient, createAccountsClient } from '@ledgerline/accounts-client';
import { freePort } from '@ledgerline/testing';
import { closedLoop, type Outcome, processCpuMs } from './loops';
import { startAccountsService } from './service-from';

export const CALLERS = 32;

export interface DepositTarget {
  /** `this checkout` or the other checkout's path. */
  readonly label: string;
  readonly schema: string;
  /** One DepositFunds of caller `c`, its `i`-th: caller c deposits on accounts c, c + 32, c + 64… */
  readonly deposit: (caller: number, iteration: number) => Promise<unknown>;
  stop(): Promise<void>;
}

export interface PeakRun {
  readonly peak: Outcome;
  /** The service's CPU over the run. */
  readonly serverCpuMs: number;
}

const usd = (amountMinor: number) => ({ amountMinor: String(amountMinor), currency: 'USD' });

const depositor = (client: AccountsClient, ids: readonly string[]) => {
  const perCaller = Math.floor(ids.length / CALLERS);
  return (caller: number, iteration: number) =>
    client.depositFunds({
      accountId: ids[caller + CALLERS * (iteration % perCaller)]!,
      amount: usd(100),
      reference: 'bench deposit',
    });
};

export const startDepositTarget = async (options: {
  readonly checkout: string | undefined;
  readonly accounts: number;
  readonly env: Record<string, string>;
  readonly schemaPrefix?: string;
}): Promise<DepositTarget & { readonly pid: number | undefined }> => {
  const schema = `${options.schemaPrefix ?? 'bench_accounts'}_${Date.now().toString(36)}`;
  const port = await freePort();
  const service = await startAccountsService(options.checkout, {
    ...options.env,
    BENCH_SCHEMA: schema,
    GRPC_PORT: String(port),
    // With --relay, topics of its own: a platform on the same broker never sees these accounts.
    KAFKA_TOPIC_PREFIX: `${schema}.`,
  });
  const client = createAccountsClient(`127.0.0.1:${port}`, { retries: 0 });
  const stop = async () => {
    client.close();
    await service.stop();
  };
  try {
    const ids = Array.from({ length: Math.max(options.accounts, CALLERS) }, () => randomUUID());
    for (let i = 0; i < ids.length; i += 64)
      await Promise.all(
        ids.slice(i, i + 64).map((accountId) =>
          client.openAccount({
            accountId,
            ownerId: randomUUID(),
            kind: 'ACCOUNT_KIND_CUSTOMER',
            currency: 'USD',
          }),
        ),
      );
    const deposit = depositor(client, ids);
    await closedLoop(CALLERS, 1_000, deposit); // warm-up: connections, JIT, plans
    return {
      label: options.checkout ?? 'this checkout',
      schema,
      deposit,
      pid: service.pid,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

/** CALLERS callers as fast as the service answers for `ms`, with the service's CPU meanwhile. */
export const peakOf = async (
  target: DepositTarget & { readonly pid: number | undefined },
  ms: number,
): Promise<PeakRun> => {
  const before = processCpuMs(target.pid);
  const peak = await closedLoop(CALLERS, ms, target.deposit);
  return { peak, serverCpuMs: processCpuMs(target.pid) - before };
};
