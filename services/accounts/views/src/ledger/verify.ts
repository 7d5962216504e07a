import {
  type CurrencySum,
  type ExternalAccount,
  LedgerFold,
  type LedgerBreak,
} from '@ledgerline/accounts-domain';
import { type Checkpoint, PostgresEventStore, type Upcasters } from '@ledgerline/event-store';
import { type SearchClient } from '@ledgerline/search';
import { type Pool } from 'pg';
import { compareBalances, compareHistory } from './compare-postgres';
import { comparePayments, compareSettlements, type SettledMoney } from './compare-search';
import { type Difference, skipped, type ViewComparison } from './findings';
import { foldStore, type FoldProgress } from './fold-store';
import { type LedgerTarget, resolvePoint } from './point';

/** Where the ledger's store and views live, as the query services define them. */
export interface LedgerViews {
  readonly source: {
    readonly schema: string;
    readonly categories: readonly string[];
    /** The accounts command service's upcasters, so events are folded as it reads them. */
    readonly upcasters?: Upcasters;
  };
  readonly balances: string;
  readonly history: { readonly transactions: string; readonly heads: string };
  readonly paymentsAlias: string;
  readonly ordersAlias: string;
}

export interface LedgerVerification {
  readonly ok: boolean;
  /** The point folded to: `head` (the present) or the operator's `--at`. */
  readonly at: string;
  readonly checkpoint: Checkpoint;
  readonly events: number;
  readonly accounts: number;
  readonly durationMs: number;
  readonly eventsPerSecond: number;
  /** Per currency, the balances view's sum (the ledger's for rows not compared) + external. */
  /** Per currency, the balances view's sum (the ledger's for rows not compared) + external. */
  readonly zeroSum: readonly CurrencySum[];
  readonly external: readonly ExternalAccount[];
  /** Events whose recorded balances the amounts before them do not give. */
  readonly breaks: { readonly count: number; readonly first: LedgerBreak | null };
  readonly views: readonly ViewComparison[];
  readonly settlements: { readonly sums: readonly SettledMoney[]; readonly skipped?: string };
  /** The first finding, in the order: event, zero sum, views, settlements. */
  readonly firstDifference: Difference | null;
}

export interface VerifyOptions {
  readonly at?: LedgerTarget;
  readonly batchSize: number;
  /** Without `--at`: how long views that lag (or lead) the fold get to settle. */
  readonly settleMs: number;
  readonly progress: FoldProgress;
}

const PRESENT = 'live indices hold the present, not the point';

/**
 * Folds the accounts store into the double-entry ledger, then compares every view with it.
 * Without `--at` the fold goes to the readable head and views that are behind or ahead of it
 * (the platform keeps running) get `settleMs` to settle: the fold continues to the new head and
 * the views are compared again. With `--at` the fold stops at the point; a view row already past
 * it is reported as such and not compared (rows are not versioned backwards), except the
 * history, whose rows carry their version and so are compared at the point exactly.
 */
export const verifyLedger = async (
  deps: { pool: Pool; searchClient: SearchClient; views: LedgerViews },
  options: VerifyOptions,
): Promise<LedgerVerification> => {
  const started = Date.now();
  const { views } = deps;
  const store = new PostgresEventStore({
    pool: deps.pool,
    schema: views.source.schema,
    ...(views.source.upcasters ? { upcasters: views.source.upcasters } : {}),
  });
  const point = options.at ? await resolvePoint(deps.pool, views.source, options.at) : null;
  const fold = new LedgerFold();
  const foldOn = (after: Checkpoint) =>
    foldStore({
      store,
      categories: views.source.categories,
      fold,
      after,
      until: point?.checkpoint ?? null,
      batchSize: options.batchSize,
      progress: options.progress,
    });
  let checkpoint = await foldOn({ transactionId: '0', position: 0 });
  const settleBy = Date.now() + (point ? 0 : options.settleMs);
  const compare = async () => {
    const balances = await compareBalances(deps.pool, views.balances, fold, point !== null);
    const history = await compareHistory(deps.pool, views.history, fold);
    const payments = point
      ? skipped('payments index', PRESENT)
      : await comparePayments(deps.searchClient, views.paymentsAlias, fold);
    const settlements = point
      ? { sums: [], skipped: PRESENT }
      : await compareSettlements(deps.searchClient, {
          payments: views.paymentsAlias,
          orders: views.ordersAlias,
        });
    const { ahead, drift, ...balancesResult } = balances;
    const unsettled =
      ahead > 0 ||
      [balancesResult, history, payments].some((v) => v.differing > 0) ||
      settlements.sums.some((s) => s.captured !== s.confirmed);
    return { views: [balancesResult, history, payments], settlements, unsettled, drift };
  };
  let compared = await compare();
  while (compared.unsettled && Date.now() < settleBy) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    checkpoint = await foldOn(checkpoint);
    compared = await compare();
  }
  const durationMs = Date.now() - started;
  // The balances as the view shows them (the ledger's where a row was not compared) plus the
  // external accounts: a row changed by hand breaks it even if nothing else looked.
  const zeroSum = fold.zeroSums().map((s) => {
    const accounts = s.accounts + (compared.drift.get(s.currency) ?? 0);
    return { ...s, accounts, total: accounts + s.external };
  });
  const breaks = fold.breaks;
  const firstDifference =
    breakDifference(breaks.first) ??
    compared.views.map((v) => v.first).find((d) => d !== null) ??
    null;
  const ok =
    breaks.count === 0 &&
    zeroSum.every((s) => s.total === 0) &&
    compared.views.every((v) => v.differing === 0) &&
    compared.settlements.sums.every((s) => s.captured === s.confirmed);
  return {
    ok,
    at: point?.described ?? 'head',
    checkpoint,
    events: fold.events,
    accounts: fold.accountCount,
    durationMs,
    eventsPerSecond: fold.events / Math.max(durationMs / 1_000, 0.001),
    zeroSum,
    external: fold.externalAccounts(),
    breaks,
    views: compared.views,
    settlements: compared.settlements,
    firstDifference,
  };
};

const breakDifference = (first: LedgerBreak | null): Difference | null =>
  first && {
    view: 'event store',
    accountId: first.accountId,
    what: `${first.type} (${first.kind})`,
    expected: 'balances that follow from the amounts before it',
    actual: first.detail,
    event: {
      eventId: first.eventId,
      streamVersion: first.streamVersion,
      globalPosition: first.globalPosition,
    },
  };
