import { checkLimit, iso, type Queryable } from '@ledgerline/projections';
import { type HistoryTables } from './projection';
import { type TransactionRow } from './transaction-row';

export interface ListTransactionsQuery {
  readonly accountId: string;
  readonly limit: number;
  /** The `nextBefore` of the previous page; absent for the newest page. */
  readonly before?: number | undefined;
}

export interface TransactionPage {
  /** Newest first. */
  readonly transactions: readonly TransactionRow[];
  /**
   * A stream version: pass it as `before` for the next (older) page; null on the last page. A
   * query service may encode it as an opaque cursor.
   */
  readonly nextBefore: number | null;
  /**
   * The account's stream version the history had applied when the page was read (every event
   * counts, money or not); null when the view has not seen the account. Read before the page, so
   * the page reflects at least this version: compare it with a consistency token.
   */
  readonly streamVersion: number | null;
}

interface TransactionRecord {
  event_id: string;
  account_id: string;
  stream_version: number;
  type: string;
  amount: string;
  reserved_change: string;
  balance_after: string;
  reserved_after: string;
  currency: string;
  reference: string | null;
  reservation_id: string | null;
  at: Date;
}

/**
 * An account's money events, newest first, paged by keyset on the stream version: a page is one
 * primary-key range scan however deep it is, and events appended between pages never shift it
 * (no gaps, no duplicates). One extra row is read to know whether an older page exists.
 */
export const listTransactions = async (
  db: Queryable,
  tables: HistoryTables,
  query: ListTransactionsQuery,
): Promise<TransactionPage> => {
  const limit = checkLimit(query.limit);
  const head = await db.query<{ stream_version: number }>(
    `SELECT stream_version FROM ${tables.heads} WHERE account_id = $1`,
    [query.accountId],
  );
  const { rows } = await db.query<TransactionRecord>(
    `SELECT event_id, account_id, stream_version, type, amount, reserved_change, balance_after,
            reserved_after, currency, reference, reservation_id, at
       FROM ${tables.transactions}
      WHERE account_id = $1 AND ($2::int IS NULL OR stream_version < $2)
      ORDER BY stream_version DESC
      LIMIT $3`,
    [query.accountId, query.before ?? null, limit + 1],
  );
  const page = rows.slice(0, limit).map(toTransaction);
  const last = page[page.length - 1];
  return {
    transactions: page,
    nextBefore: rows.length > limit && last ? last.streamVersion : null,
    streamVersion: head.rows[0]?.stream_version ?? null,
  };
};

const toTransaction = (row: TransactionRecord): TransactionRow => ({
  eventId: row.event_id,
  accountId: row.account_id,
  streamVersion: row.stream_version,
  type: row.type,
  amount: Number(row.amount),
  reservedChange: Number(row.reserved_change),
  balanceAfter: Number(row.balance_after),
  reservedAfter: Number(row.reserved_after),
  currency: row.currency,
  reference: row.reference,
  reservationId: row.reservation_id,
  at: iso(row.at),
});
