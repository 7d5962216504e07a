import {
  type LedgerVerification,
  type LedgerViews,
  parseLedgerTarget,
  verifyLedger,
} from '@ledgerline/accounts-views';
import { type ServiceBinding } from '@ledgerline/grpc';
import { loadPackage, type platformV1 } from '@ledgerline/proto';
import { type QueryServiceContext } from '@ledgerline/query-service';

/** The longest a caller may let lagging views settle (the call holds a connection meanwhile). */
const MAX_SETTLE_MS = 60_000;

const toResponse = (r: LedgerVerification): platformV1.ReconcileLedgerResponse => ({
  ok: r.ok,
  at: r.at,
  checkpointTransactionId: r.checkpoint.transactionId,
  checkpointPosition: String(r.checkpoint.position),
  events: String(r.events),
  accounts: String(r.accounts),
  zeroSums: r.zeroSum.map((s) => ({
    currency: s.currency,
    accounts: String(s.accounts),
    external: String(s.external),
    total: String(s.total),
  })),
  externalAccounts: r.external.map((e) => ({ ...e, balance: String(e.balance) })),
  breaks: String(r.breaks.count),
  views: r.views.map((v) => ({
    view: v.view,
    compared: String(v.compared),
    differing: String(v.differing),
    pastPoint: String(v.pastPoint),
    behind: String(v.behind),
    skipped: v.skipped ?? '',
  })),
  settlements: r.settlements.sums.map((s) => ({
    currency: s.currency,
    captured: String(s.captured),
    confirmed: String(s.confirmed),
  })),
  settlementsSkipped: r.settlements.skipped ?? '',
  ...(r.firstDifference && {
    firstDifference: {
      view: r.firstDifference.view,
      accountId: r.firstDifference.accountId,
      what: r.firstDifference.what,
      expected: r.firstDifference.expected,
      actual: r.firstDifference.actual,
      eventId: r.firstDifference.event?.eventId ?? '',
      streamVersion: r.firstDifference.event?.streamVersion ?? 0,
      globalPosition: String(r.firstDifference.event?.globalPosition ?? 0),
    },
  }),
  durationMs: r.durationMs,
});

/**
 * LedgerAdminService: the reconciliation `platform ledger verify` runs (ADR 0025), for operators
 * who call the platform rather than its databases. Transport only: parse, verify, translate.
 */
export const ledgerAdminService = (
  context: QueryServiceContext,
  views: LedgerViews,
): ServiceBinding => {
  const { LedgerAdminService } = loadPackage(['ledgerline/platform/v1/ledger_admin.proto'])
    .ledgerline.platform.v1;
  const implementation: platformV1.LedgerAdminServiceHandlers = {
    ReconcileLedger: context.unary(
      async (
        request: platformV1.ReconcileLedgerRequest__Output,
      ): Promise<platformV1.ReconcileLedgerResponse> => {
        const at = request.at.trim() === '' ? undefined : parseLedgerTarget(request.at);
        const result = await verifyLedger(
          { pool: context.pool, searchClient: context.searchClient, views },
          {
            ...(at ? { at } : {}),
            batchSize: 10_000,
            settleMs: Math.min(request.settleMs, MAX_SETTLE_MS),
            progress: { advance: () => undefined },
          },
        );
        return toResponse(result);
      },
    ),
  };
  return { definition: LedgerAdminService.service, implementation };
};
