import {
  type BulkInserts,
  bulkInserts,
  type BulkSpec,
  type BulkTable,
  bulkTable,
} from '@ledgerline/projections';
import { type PublishedEvent } from '@ledgerline/relay';
import { orderEvent } from '../order-event';
import { orderChange, type OrderColumns } from './order-change';

export type OrderRow = OrderColumns & { readonly stream_version: number };

/**
 * The orders table's batch path for rebuilds: the same `orderChange` the handler applies, folded
 * in memory. Like the handler, placing never overwrites a row, an update needs the row and only
 * moves it forward by stream version.
 */
const orders: BulkTable<OrderRow> = {
  table: 'orders',
  key: 'order_id',
  columns: [
    'order_id',
    'customer_id',
    'merchant_id',
    'customer_account_id',
    'merchant_account_id',
    'placed_by',
    'currency',
    'total_minor',
    'status',
    'payment_id',
    'cancel_reason',
    'carrier',
    'tracking_number',
    'placed_at',
    'confirmed_at',
    'cancelled_at',
    'shipped_at',
    'updated_at',
    'stream_version',
  ],
  keyOf: (event: PublishedEvent) => orderEvent(event).data.orderId,
  fold(row, event) {
    const change = orderChange(orderEvent(event));
    if (change.kind === 'insert')
      return row ?? { ...change.row, stream_version: event.streamVersion };
    if (!row) throw new Error(`order ${change.orderId} has no row (event v${event.streamVersion})`);
    if (row.stream_version >= event.streamVersion) return row;
    return { ...row, ...change.set, stream_version: event.streamVersion };
  },
};

interface OrderLineRow {
  readonly order_id: string;
  readonly line_no: number;
  readonly sku: string;
  readonly description: string;
  readonly quantity: number;
  readonly unit_price_minor: number;
  readonly line_total_minor: number;
}

/** An order's lines, numbered from 1 as the customer gave them, written once when placed. */
const orderLines: BulkInserts<OrderLineRow> = {
  table: 'orderLines',
  conflict: ['order_id', 'line_no'],
  columns: [
    'order_id',
    'line_no',
    'sku',
    'description',
    'quantity',
    'unit_price_minor',
    'line_total_minor',
  ],
  rowsOf(event) {
    const change = orderChange(orderEvent(event));
    if (change.kind !== 'insert') return [];
    return change.lines.map((line, i) => ({
      order_id: change.row.order_id,
      line_no: i + 1,
      sku: line.sku,
      description: line.description,
      quantity: line.quantity,
      unit_price_minor: line.unitPriceMinor,
      line_total_minor: line.lineTotalMinor,
    }));
  },
};

export const ORDERS_BULK: readonly BulkSpec[] = [bulkTable(orders), bulkInserts(orderLines)];
