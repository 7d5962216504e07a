import {
  type BulkInserts,
  bulkInserts,
  type BulkSpec,
  type BulkTable,
  bulkTable,
} from '@ledgerline/projections';
import { type PublishedEvent } from '@ledgerline/relay';
import { accountEvent } from '../account-event';
import { transactionRow } from './transaction-row';

interface HeadRow {
  readonly account_id: string;
  readonly stream_version: number;
}

/** Per account, the newest stream version applied, money event or not (as the handler keeps). */
const heads: BulkTable<HeadRow> = {
  table: 'heads',
  key: 'account_id',
  columns: ['account_id', 'stream_version'],
  keyOf: (event: PublishedEvent) => accountEvent(event).data.accountId,
  fold: (row, event) =>
    row && row.stream_version >= event.streamVersion
      ? row
      : { account_id: accountEvent(event).data.accountId, stream_version: event.streamVersion },
};

interface TransactionColumns {
  readonly account_id: string;
  readonly stream_version: number;
  readonly event_id: string;
  readonly type: string;
  readonly amount: number;
  readonly reserved_change: number;
  readonly balance_after: number;
  readonly reserved_after: number;
  readonly currency: string;
  readonly reference: string | null;
  readonly reservation_id: string | null;
  readonly at: string;
}

/** One row per money event, written once: the same `transactionRow` the handler inserts. */
const transactions: BulkInserts<TransactionColumns> = {
  table: 'transactions',
  conflict: ['account_id', 'stream_version'],
  columns: [
    'account_id',
    'stream_version',
    'event_id',
    'type',
    'amount',
    'reserved_change',
    'balance_after',
    'reserved_after',
    'currency',
    'reference',
    'reservation_id',
    'at',
  ],
  rowsOf(event) {
    const row = transactionRow(accountEvent(event), event);
    return row
      ? [
          {
            account_id: row.accountId,
            stream_version: row.streamVersion,
            event_id: row.eventId,
            type: row.type,
            amount: row.amount,
            reserved_change: row.reservedChange,
            balance_after: row.balanceAfter,
            reserved_after: row.reservedAfter,
            currency: row.currency,
            reference: row.reference,
            reservation_id: row.reservationId,
            at: row.at,
          },
        ]
      : [];
  },
};

export const HISTORY_BULK: readonly BulkSpec[] = [bulkTable(heads), bulkInserts(transactions)];
