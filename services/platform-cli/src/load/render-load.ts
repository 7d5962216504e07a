import { count, ms, table } from '../render';
import { type LoadProgress, type LoadSummary } from './run-load';

const seconds = (value: number) => `${(value / 1_000).toFixed(1)}s`;

/** One line of live progress: elapsed, sent, finished, errors, in flight, rate, p50/p99. */
export const progressLine = (p: LoadProgress): string =>
  `${p.elapsedMs <= p.durationMs ? `load ${seconds(p.elapsedMs)}/${seconds(p.durationMs)}` : `draining ${seconds(p.elapsedMs)}`}` +
  `  sent ${count(p.sent)}  ` +
  `done ${count(p.finished)}  errors ${count(p.errors)}  in flight ${count(p.inFlight)}` +
  `${p.dropped > 0 ? `  dropped ${count(p.dropped)}` : ''}  ${p.recentRate.toFixed(1)}/s  ` +
  `p50 ${ms(p.p50Ms)}  p99 ${ms(p.p99Ms)}`;

const errorsText = (errors: Readonly<Record<string, number>>) =>
  Object.entries(errors)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ') || '-';

/** The summary: a row per operation, the errors' first messages, the money check, the verdict. */
export const summaryText = (s: LoadSummary): string => {
  const rows = s.operations.map((o) => [
    o.operation,
    count(o.count),
    count(o.ok),
    errorsText(o.errors),
    count(o.retries),
    o.operation === 'setup' ? '-' : `${o.throughput.toFixed(1)}/s`,
    ms(o.p50Ms),
    ms(o.p99Ms),
  ]);
  const m = s.money;
  const lines = [
    `${count(s.sent)} operations in ${seconds(s.elapsedMs)} at ${s.rate}/s planned ` +
      `(${count(s.planned)}${s.dropped > 0 ? `, ${count(s.dropped)} dropped: too many in flight` : ''})` +
      ` over ${s.accounts} accounts of its own`,
    '',
    table(['OPERATION', 'COUNT', 'OK', 'ERRORS', 'RETRIES', 'THROUGHPUT', 'P50', 'P99'], rows),
    ...Object.entries(s.errorSamples).map(([code, message]) => `  ${code}: ${message}`),
    '',
    `money: deposits ${count(m.depositsMinor)} = balances ${count(m.balancesMinor)}` +
      ` (reserved ${count(m.reservedMinor)}); checkouts confirmed ${count(m.confirmed)}` +
      ` moving ${count(m.movedMinor)}, cancelled ${count(m.cancelled)}` +
      `${m.unsettled > 0 ? `, NOT FINAL ${count(m.unsettled)}` : ''}` +
      ` — ${m.conserved ? 'conserved' : 'VIOLATED'}`,
    ...m.mismatches
      .slice(0, 10)
      .map(
        (x) =>
          `  account ${x.accountId}: expected ${x.expectedMinor}, balance ${x.balanceMinor ?? '?'}, reserved ${x.reservedMinor ?? '?'}`,
      ),
    ...(s.unresolved > 0 ? [`${s.unresolved} commands' outcome unknown (answer lost twice)`] : []),
    s.ok ? 'ok' : `FAILED: ${verdict(s)}`,
  ];
  return lines.join('\n');
};

const verdict = (s: LoadSummary): string =>
  [
    s.failedOperations > 0 && `${s.failedOperations} operations failed`,
    !s.money.conserved && 'money not conserved',
    s.unresolved > 0 && `${s.unresolved} outcomes unknown`,
  ]
    .filter(Boolean)
    .join(', ');
