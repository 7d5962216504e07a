import { type ClientAuth } from '@ledgerline/grpc';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadClients, type ServiceAddresses } from './clients';
import { checkMoney, type MoneyCheck, type ObservedBalance } from './invariant';
import { type MixEntry, type Operation } from './options';
import { callsDue, mixPicker, plannedCalls } from './schedule';
import { type OperationSummary, OperationStats, percentile, type StatsName } from './stats';
import { Workload } from './workload';

export interface LoadOptions {
  readonly addresses: ServiceAddresses;
  readonly auth: ClientAuth;
  /** Owner of every account opened (a token bound to its subject); default: one per account. */
  readonly ownerId?: string;
  /** Operations started per second, on a timer (open loop). */
  readonly rate: number;
  readonly durationMs: number;
  readonly mix: readonly MixEntry[];
  /** Accounts opened first: half customers (with an opening deposit), half merchants. */
  readonly accounts?: number;
  /** Operations in flight at most; one falling due beyond it is dropped (and counted). */
  readonly maxInFlight?: number;
  readonly callDeadlineMs?: number;
  /** How long a checkout may take from PlaceOrder to a final order before it is an error. */
  readonly checkoutTimeoutMs?: number;
  /** After the load: how long to wait for every checkout to end and the views to catch up. */
  readonly settleTimeoutMs?: number;
  /** Ends the sending early (the run still waits for what it sent and checks the money). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: LoadProgress) => void;
  readonly progressIntervalMs?: number;
}

export interface LoadProgress {
  readonly elapsedMs: number;
  readonly durationMs: number;
  readonly sent: number;
  readonly finished: number;
  readonly errors: number;
  readonly inFlight: number;
  readonly dropped: number;
  /** Operations finished per second since the previous report. */
  readonly recentRate: number;
  /** Latencies of the operations finished since the previous report. */
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface LoadSummary {
  readonly rate: number;
  readonly durationMs: number;
  readonly elapsedMs: number;
  readonly planned: number;
  readonly sent: number;
  readonly dropped: number;
  readonly accounts: number;
  readonly operations: readonly OperationSummary[];
  /** Per status code, the first error message seen. */
  readonly errorSamples: Readonly<Record<string, string>>;
  readonly failedOperations: number;
  /** Commands whose answer was lost and whose outcome could not be learnt afterwards. */
  readonly unresolved: number;
  readonly money: MoneyCheck;
  /** No failed operation, nothing unresolved, money conserved. */
  readonly ok: boolean;
}

const SETUP_CONCURRENCY = 16;

/**
 * Runs a load: opens its accounts, sends the mix at `rate` per second for `durationMs` (open
 * loop, at most `maxInFlight` at once), waits for every checkout to end and the balances view to
 * catch up, and checks that money was conserved over its accounts.
 */
export const runLoad = async (options: LoadOptions): Promise<LoadSummary> => {
  const maxInFlight = options.maxInFlight ?? 512;
  const clients = loadClients(options.addresses, options.auth, options.callDeadlineMs ?? 10_000);
  const stats = new Map<StatsName, OperationStats>(
    (['setup', ...options.mix.map((m) => m.operation)] as StatsName[]).map((name) => [
      name,
      new OperationStats(name),
    ]),
  );
  const statsOf = (name: StatsName) => stats.get(name)!;
  const workload = new Workload({
    clients,
    ownerId: options.ownerId,
    checkoutTimeoutMs: options.checkoutTimeoutMs ?? 60_000,
    now: () => performance.now(),
    sleep: (ms) => sleep(ms),
  });
  try {
    // Setup: accounts first; a run that cannot open them has nothing to measure.
    const accounts = Math.max(2, options.accounts ?? 40);
    const kinds = Array.from({ length: accounts }, (_, i) =>
      i < Math.ceil(accounts / 2) ? ('CUSTOMER' as const) : ('MERCHANT' as const),
    );
    for (let i = 0; i < kinds.length; i += SETUP_CONCURRENCY)
      await Promise.all(
        kinds
          .slice(i, i + SETUP_CONCURRENCY)
          .map((kind) =>
            workload.measure(statsOf('setup'), () => workload.openAccount(statsOf('setup'), kind)),
          ),
      );
    if (statsOf('setup').errorCount > 0)
      throw new Error(
        `could not open the load's accounts: ${[...workload.errorSamples.values()].join('; ')}`,
      );

    const operations: Record<Operation, (s: OperationStats) => Promise<void>> = {
      checkout: (s) => workload.checkout(s),
      deposit: (s) => workload.deposit(s),
      query: (s) => workload.query(s),
    };
    const next = mixPicker(options.mix);
    const planned = plannedCalls(options.rate, options.durationMs);
    const inFlight = new Set<Promise<void>>();
    let sent = 0;
    let dropped = 0;
    const start = performance.now();
    const progress = progressReporter(options, [...stats.values()], start);
    while (sent + dropped < planned && !options.signal?.aborted) {
      const due = callsDue(performance.now() - start, options.rate, planned);
      while (sent + dropped < due) {
        if (inFlight.size >= maxInFlight) {
          dropped += 1;
          continue;
        }
        const name = next();
        sent += 1;
        const running: Promise<void> = workload
          .measure(statsOf(name), () => operations[name](statsOf(name)))
          .finally(() => inFlight.delete(running));
        inFlight.add(running);
      }
      progress.tick({ sent, dropped, inFlight: inFlight.size });
      const nextDue = start + ((sent + dropped) * 1_000) / options.rate;
      await sleep(Math.max(1, Math.min(50, nextDue - performance.now())));
    }
    while (inFlight.size > 0) {
      await Promise.race([Promise.all(inFlight), sleep(options.progressIntervalMs ?? 1_000)]);
      progress.tick({ sent, dropped, inFlight: inFlight.size });
    }
    const elapsedMs = performance.now() - start;

    const money = await settle(workload, options.settleTimeoutMs ?? 60_000);
    const summaries = [...stats.values()].map((s) =>
      s.summary(s.operation === 'setup' ? 0 : elapsedMs),
    );
    const failedOperations = [...stats.values()].reduce((n, s) => n + s.errorCount, 0);
    return {
      rate: options.rate,
      durationMs: options.durationMs,
      elapsedMs,
      planned,
      sent,
      dropped,
      accounts: workload.accounts.length,
      operations: summaries,
      errorSamples: Object.fromEntries(workload.errorSamples),
      failedOperations,
      unresolved: workload.unresolved,
      money,
      ok: failedOperations === 0 && workload.unresolved === 0 && money.conserved,
    };
  } finally {
    clients.close();
  }
};

/**
 * Waits until every checkout is final and the balances view shows what the run expects (or the
 * time is up), then checks the money. Balances are read with the receipt of the run's last
 * deposit into each account, so the view includes at least that; the saga's moves are waited for.
 */
const settle = async (workload: Workload, timeoutMs: number): Promise<MoneyCheck> => {
  const deadline = performance.now() + timeoutMs;
  await workload.resolveLostAnswers();
  await Promise.all(
    [...workload.orders.values()]
      .filter((order) => order.outcome === 'unsettled')
      .map((order) =>
        workload
          .awaitFinal(order, undefined, Math.max(0, deadline - performance.now()))
          .catch(() => false),
      ),
  );
  const ledger = { deposits: workload.deposits, orders: [...workload.orders.values()] };
  for (;;) {
    const observed = new Map<string, ObservedBalance>();
    for (const accountId of workload.accounts) {
      const receipt = workload.receiptOf(accountId) ?? null;
      const balance = await workload
        .retrying(undefined, () => workloadBalance(workload, accountId, receipt))
        .catch(() => undefined);
      if (balance) observed.set(accountId, balance);
    }
    const check = checkMoney(ledger, observed);
    if (check.conserved || performance.now() > deadline) return check;
    await sleep(250);
  }
};

const workloadBalance = async (
  workload: Workload,
  accountId: string,
  receipt: NonNullable<Parameters<Workload['clients']['getBalance']>[0]['consistencyToken']> | null,
): Promise<ObservedBalance> => {
  const answer = await workload.clients.getBalance({ accountId, consistencyToken: receipt });
  return { balanceMinor: Number(answer.balanceMinor), reservedMinor: Number(answer.reservedMinor) };
};

/** Calls onProgress every progressIntervalMs with what finished since the previous call. */
const progressReporter = (options: LoadOptions, all: readonly OperationStats[], start: number) => {
  const interval = options.progressIntervalMs ?? 1_000;
  let last = start;
  let finishedBefore = 0;
  const seen = new Map<OperationStats, number>();
  return {
    tick(now: { sent: number; dropped: number; inFlight: number }) {
      const at = performance.now();
      if (!options.onProgress || at - last < interval) return;
      const recent = all
        .filter((s) => s.operation !== 'setup')
        .flatMap((s) => {
          const window = s.sortedLatencies(seen.get(s) ?? 0);
          seen.set(s, s.latencyCount);
          return window;
        })
        .sort((a, b) => a - b);
      const load = all.filter((s) => s.operation !== 'setup');
      const finished = load.reduce((n, s) => n + s.count, 0);
      options.onProgress({
        elapsedMs: at - start,
        durationMs: options.durationMs,
        ...now,
        finished,
        errors: load.reduce((n, s) => n + s.errorCount, 0),
        recentRate: ((finished - finishedBefore) * 1_000) / (at - last),
        p50Ms: percentile(recent, 50),
        p99Ms: percentile(recent, 99),
      });
      last = at;
      finishedBefore = finished;
    },
  };
};
