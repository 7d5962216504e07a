import { type LedgerAccount, type LedgerFold } from '@ledgerline/accounts-domain';
import { type Pool } from 'pg';
import { Findings, type ViewComparison } from './findings';

const PAGE = 5_000;

interface BalanceRecord {
  account_id: string;
  balance: string;
  reserved: string;
  available: string;
  stream_version: number;
}

/**
 * The balances table against the ledger, walked in account order (keyset pages): balance,
 * reserved and available of every row the view holds at the ledger's version of the account.
 * A row at a later version is past the point (`atPoint`), or ahead of the fold (a difference
 * the caller may settle by folding on); a row at an earlier version, or none, is behind.
 */
export const compareBalances = async (
  pool: Pool,
  table: string,
  fold: LedgerFold,
  atPoint: boolean,
): Promise<ViewComparison & { ahead: number; drift: Map<string, number> }> => {
  const findings = new Findings(`balances (${table})`);
  const seen = new Set<string>();
  // Per currency, Σ (view balance − ledger balance) over the rows compared: the zero sum of the
  // view is the ledger's plus this.
  const drift = new Map<string, number>();
  let ahead = 0;
  let after = '';
  for (;;) {
    const { rows } = await pool.query<BalanceRecord>(
      `SELECT account_id, balance::text, reserved::text, available::text, stream_version
         FROM ${table} WHERE account_id > $1 ORDER BY account_id LIMIT ${PAGE}`,
      [after],
    );
    for (const row of rows) {
      seen.add(row.account_id);
      const account = fold.account(row.account_id);
      if (!account || row.stream_version > account.version) {
        if (atPoint) {
          findings.pastPoint += 1;
          continue;
        }
        // Events arrived since the fold (it folds on and compares again), or a row the store
        // never wrote: a difference unless settling explains it.
        ahead += 1;
        findings.differ({
          accountId: row.account_id,
          what: 'version',
          expected: account ? `v${account.version}` : 'no account in the store',
          actual: `v${row.stream_version}`,
          event: account?.lastEvent ?? null,
        });
        continue;
      }
      if (row.stream_version < account.version) {
        findings.differ(lagOf(account, row.stream_version), true);
        continue;
      }
      findings.compared += 1;
      const delta = Number(row.balance) - account.balance;
      if (delta !== 0) drift.set(account.currency, (drift.get(account.currency) ?? 0) + delta);
      const checks: [string, number, string][] = [
        ['balance', account.balance, row.balance],
        ['reserved', account.reserved, row.reserved],
        ['available', account.balance - account.reserved, row.available],
      ];
      const wrong = checks.find(([, expected, actual]) => String(expected) !== actual);
      if (wrong)
        findings.differ({
          accountId: account.accountId,
          what: wrong[0],
          expected: String(wrong[1]),
          actual: wrong[2],
          event: account.lastEvent,
        });
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) break;
    after = last.account_id;
  }
  for (const account of fold.accounts())
    if (!seen.has(account.accountId)) findings.differ(lagOf(account, null), true);
  return { ...findings.result(), ahead, drift };
};

const lagOf = (account: LedgerAccount, viewVersion: number | null) => ({
  accountId: account.accountId,
  what: 'version',
  expected: `v${account.version}`,
  actual: viewVersion === null ? 'no row' : `v${viewVersion}`,
  event: account.lastEvent,
});

interface HistoryRecord {
  account_id: string;
  head: number | null;
  balance: string;
  reserved: string;
  first_off_version: number | null;
  first_off_event: string | null;
}

/**
 * The transaction history against the ledger, per account up to the ledger's version of it
 * (history rows are keyed by version, so a point in the past is compared exactly): the running
 * totals of its amounts must give each row's recorded balances and end at the ledger's.
 */
export const compareHistory = async (
  pool: Pool,
  tables: { transactions: string; heads: string },
  fold: LedgerFold,
): Promise<ViewComparison> => {
  const findings = new Findings(`transaction history (${tables.transactions})`);
  const all = [...fold.accounts()].sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
  for (let start = 0; start < all.length; start += PAGE) {
    const page = all.slice(start, start + PAGE);
    const { rows } = await pool.query<HistoryRecord>(
      `WITH f AS (SELECT * FROM unnest($1::text[], $2::int[]) AS f(account_id, version)),
            t AS (SELECT t.account_id, t.stream_version, t.event_id, t.amount, t.reserved_change,
                         t.balance_after, t.reserved_after,
                         sum(t.amount) OVER w AS running_balance,
                         sum(t.reserved_change) OVER w AS running_reserved
                    FROM ${tables.transactions} t
                    JOIN f ON t.account_id = f.account_id AND t.stream_version <= f.version
                  WINDOW w AS (PARTITION BY t.account_id ORDER BY t.stream_version))
       SELECT f.account_id, h.stream_version AS head,
              coalesce(sum(t.amount), 0)::text AS balance,
              coalesce(sum(t.reserved_change), 0)::text AS reserved,
              min(t.stream_version) FILTER (WHERE t.running_balance <> t.balance_after
                                              OR t.running_reserved <> t.reserved_after)
                AS first_off_version,
              (array_agg(t.event_id ORDER BY t.stream_version)
                 FILTER (WHERE t.running_balance <> t.balance_after
                            OR t.running_reserved <> t.reserved_after))[1] AS first_off_event
         FROM f LEFT JOIN ${tables.heads} h USING (account_id) LEFT JOIN t USING (account_id)
        GROUP BY f.account_id, h.stream_version
        ORDER BY f.account_id`,
      [page.map((a) => a.accountId), page.map((a) => a.version)],
    );
    for (const row of rows) {
      const account = fold.account(row.account_id)!;
      if (row.head === null || row.head < account.version) {
        findings.differ(lagOf(account, row.head), true);
        continue;
      }
      findings.compared += 1;
      if (row.first_off_version !== null) {
        findings.differ({
          accountId: account.accountId,
          what: 'running total',
          expected: 'balance_after = Σ amounts so far',
          actual: `differs from v${row.first_off_version}`,
          event: {
            eventId: row.first_off_event ?? '?',
            streamVersion: row.first_off_version,
            globalPosition: null,
          },
        });
        continue;
      }
      const checks: [string, number, string][] = [
        ['Σ amount', account.balance, row.balance],
        ['Σ reserved change', account.reserved, row.reserved],
      ];
      const wrong = checks.find(([, expected, actual]) => String(expected) !== actual);
      if (wrong)
        findings.differ({
          accountId: account.accountId,
          what: wrong[0],
          expected: String(wrong[1]),
          actual: wrong[2],
          event: account.lastEvent,
        });
    }
  }
  return findings.result();
};
