import { type BulkSpec, type BulkTable, bulkTable } from '@ledgerline/projections';
import { type PublishedEvent } from '@ledgerline/relay';
import { paymentEvent } from '../payment-event';
import { paymentChange, type PaymentColumns } from './payment-change';

export type PaymentRow = PaymentColumns & { readonly stream_version: number };

const COLUMNS: readonly (keyof PaymentRow)[] = [
  'payment_id',
  'order_id',
  'payer_account_id',
  'payee_account_id',
  'amount',
  'currency',
  'status',
  'reservation_id',
  'captured_amount',
  'refunded_amount',
  'failure_reason',
  'created_at',
  'authorized_at',
  'captured_at',
  'failed_at',
  'refunded_at',
  'updated_at',
  'stream_version',
  'owner_id',
];

/**
 * The payments table's batch path for rebuilds: the same `paymentChange` the handler applies,
 * folded in memory. Like the handler, a creation never overwrites an existing row, an update needs
 * the row and only moves it forward by stream version.
 */
const payments: BulkTable<PaymentRow> = {
  table: 'payments',
  key: 'payment_id',
  columns: COLUMNS,
  keyOf: (event: PublishedEvent) => paymentEvent(event).data.paymentId,
  fold(row, event) {
    const change = paymentChange(paymentEvent(event));
    if (change.kind === 'insert')
      return row ?? { ...change.row, stream_version: event.streamVersion };
    if (!row)
      throw new Error(`payment ${change.paymentId} has no row (event v${event.streamVersion})`);
    if (row.stream_version >= event.streamVersion) return row;
    return { ...row, ...change.set, stream_version: event.streamVersion };
  },
};

export const PAYMENTS_BULK: readonly BulkSpec[] = [bulkTable(payments)];
