import { count, ms, table } from '../render';
import { type Difference } from '@ledgerline/accounts-views';
import { type LedgerVerification } from '@ledgerline/accounts-views';

const eventOf = (d: Difference): string =>
  d.event
    ? `event ${d.event.eventId} (v${d.event.streamVersion}` +
      `${d.event.globalPosition === null ? '' : `, global position ${d.event.globalPosition}`})`
    : 'no event';

/** The summary people read; `--json` prints the verification itself. */
export const verificationText = (r: LedgerVerification): string => {
  const lines = [
    `ledger at ${r.at} (${r.checkpoint.transactionId}/${r.checkpoint.position}): ` +
      `${r.ok ? 'EQUAL' : 'DIFFERENCES'}; ${count(r.events)} events, ${count(r.accounts)} accounts ` +
      `in ${ms(r.durationMs)} (${count(r.eventsPerSecond)} events/s)`,
    table(
      ['CURRENCY', 'ACCOUNTS', 'EXTERNAL', 'SUM'],
      r.zeroSum.map((s) => [s.currency, String(s.accounts), String(s.external), String(s.total)]),
    ),
    ...r.external.map((e) => `  external ${e.kind}:${e.currency} ${e.balance}`),
  ];
  if (r.breaks.first)
    lines.push(
      `events disagreeing with the ledger: ${r.breaks.count}; first ${r.breaks.first.type} ` +
        `${r.breaks.first.eventId} of account ${r.breaks.first.accountId} ` +
        `(v${r.breaks.first.streamVersion}, global position ${r.breaks.first.globalPosition}): ` +
        r.breaks.first.detail,
    );
  for (const v of r.views)
    lines.push(
      v.skipped
        ? `${v.view}: not compared (${v.skipped})`
        : `${v.view}: ${count(v.compared)} accounts compared, ${count(v.differing)} differ` +
            `${v.behind ? ` (${count(v.behind)} behind)` : ''}` +
            `${v.pastPoint ? `, ${count(v.pastPoint)} past the point (not compared)` : ''}`,
    );
  lines.push(
    r.settlements.skipped
      ? `captured payments vs confirmed orders: not compared (${r.settlements.skipped})`
      : `captured payments vs confirmed orders: ` +
          (r.settlements.sums.map((s) => `${s.currency} ${s.captured}/${s.confirmed}`).join(', ') ||
            'none'),
  );
  const d = r.firstDifference;
  if (d)
    lines.push(
      `first difference: account ${d.accountId} in ${d.view}: ${d.what} ${d.actual}, ` +
        `the ledger says ${d.expected}; last ${eventOf(d)}`,
    );
  return lines.join('\n');
};
