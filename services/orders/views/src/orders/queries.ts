import { checkLimit, iso, type Queryable } from '@ledgerline/projections';
import { type OrderViewStatus } from './order-change';
import { type OrdersTables } from './projection';

/** Amounts in minor units; times ISO-8601 UTC. */
export interface OrderLineView {
  readonly lineNo: number;
  readonly sku: string;
  readonly description: string;
  readonly quantity: number;
  readonly unitPriceMinor: number;
  readonly lineTotalMinor: number;
}

export interface OrderView {
  readonly orderId: string;
  readonly customerId: string;
  readonly merchantId: string;
  readonly customerAccountId: string;
  readonly merchantAccountId: string;
  /** The subject of the user who placed it; null for orders placed before it was recorded. */
  readonly placedBy: string | null;
  readonly currency: string;
  readonly totalMinor: number;
  readonly status: OrderViewStatus;
  readonly paymentId: string | null;
  readonly cancelReason: string | null;
  readonly carrier: string | null;
  readonly trackingNumber: string | null;
  readonly placedAt: string;
  readonly confirmedAt: string | null;
  readonly cancelledAt: string | null;
  readonly shippedAt: string | null;
  readonly updatedAt: string;
  /** Version of the order's stream the row reflects: compare with a consistency token. */
  readonly streamVersion: number;
  /** In the order the customer gave them. */
  readonly lines: readonly OrderLineView[];
}

/** Where a page ended: the (placed_at, order_id) of its last order. */
export interface OrderCursor {
  readonly placedAt: string;
  readonly orderId: string;
}

export interface ListOrdersByCustomerQuery {
  readonly customerId: string;
  /** Only the orders this subject placed; all of the customer's when undefined. */
  readonly placedBy?: string | undefined;
  readonly limit: number;
  /** The `next` of the previous page. */
  readonly after?: OrderCursor | undefined;
}

export interface OrderPage {
  /** Oldest first, by (placed_at, order_id). */
  readonly orders: readonly OrderView[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly next: OrderCursor | null;
}

interface OrderRecord {
  order_id: string;
  customer_id: string;
  merchant_id: string;
  customer_account_id: string;
  merchant_account_id: string;
  placed_by: string | null;
  currency: string;
  total_minor: string;
  status: OrderViewStatus;
  payment_id: string | null;
  cancel_reason: string | null;
  carrier: string | null;
  tracking_number: string | null;
  placed_at: Date;
  confirmed_at: Date | null;
  cancelled_at: Date | null;
  shipped_at: Date | null;
  updated_at: Date;
  stream_version: number;
}

interface LineRecord {
  order_id: string;
  line_no: number;
  sku: string;
  description: string;
  quantity: number;
  unit_price_minor: string;
  line_total_minor: string;
}

const COLUMNS = `order_id, customer_id, merchant_id, customer_account_id, merchant_account_id,
  placed_by, currency, total_minor, status, payment_id, cancel_reason, carrier, tracking_number, placed_at,
  confirmed_at, cancelled_at, shipped_at, updated_at, stream_version`;

/** The order with its lines, or undefined when the view has not seen it (yet). */
export const getOrder = async (
  db: Queryable,
  tables: OrdersTables,
  orderId: string,
): Promise<OrderView | undefined> => {
  const { rows } = await db.query<OrderRecord>(
    `SELECT ${COLUMNS} FROM ${tables.orders} WHERE order_id = $1`,
    [orderId],
  );
  return (await withLines(db, tables, rows))[0];
};

/**
 * A customer's orders with their lines, oldest first, paged by keyset on (placed_at, order_id):
 * one range scan of the (customer_id, placed_at, order_id) index per page, or of the
 * (placed_by, customer_id, placed_at, order_id) one when only one subject's orders are asked
 * for, plus one query for the page's lines. One extra row is read to know whether another page
 * exists.
 */
export const listOrdersByCustomer = async (
  db: Queryable,
  tables: OrdersTables,
  query: ListOrdersByCustomerQuery,
): Promise<OrderPage> => {
  const limit = checkLimit(query.limit);
  const { rows } = await db.query<OrderRecord>(
    `SELECT ${COLUMNS} FROM ${tables.orders}
      WHERE customer_id = $1
        AND ($2::timestamptz IS NULL OR (placed_at, order_id) > ($2::timestamptz, $3::text))
        ${query.placedBy === undefined ? '' : 'AND placed_by = $5'}
      ORDER BY placed_at, order_id
      LIMIT $4`,
    [
      query.customerId,
      query.after?.placedAt ?? null,
      query.after?.orderId ?? null,
      limit + 1,
      ...(query.placedBy === undefined ? [] : [query.placedBy]),
    ],
  );
  const orders = await withLines(db, tables, rows.slice(0, limit));
  const last = orders[orders.length - 1];
  return {
    orders,
    next: rows.length > limit && last ? { placedAt: last.placedAt, orderId: last.orderId } : null,
  };
};

const withLines = async (
  db: Queryable,
  tables: OrdersTables,
  rows: readonly OrderRecord[],
): Promise<OrderView[]> => {
  if (rows.length === 0) return [];
  const { rows: lines } = await db.query<LineRecord>(
    `SELECT order_id, line_no, sku, description, quantity, unit_price_minor, line_total_minor
       FROM ${tables.orderLines} WHERE order_id = ANY($1::text[])
      ORDER BY order_id, line_no`,
    [rows.map((row) => row.order_id)],
  );
  const byOrder = new Map<string, OrderLineView[]>();
  for (const line of lines) {
    const list = byOrder.get(line.order_id) ?? [];
    list.push({
      lineNo: line.line_no,
      sku: line.sku,
      description: line.description,
      quantity: line.quantity,
      unitPriceMinor: Number(line.unit_price_minor),
      lineTotalMinor: Number(line.line_total_minor),
    });
    byOrder.set(line.order_id, list);
  }
  return rows.map((row) => toOrder(row, byOrder.get(row.order_id) ?? []));
};

const optionalIso = (value: Date | null): string | null => (value ? iso(value) : null);

const toOrder = (row: OrderRecord, lines: readonly OrderLineView[]): OrderView => ({
  orderId: row.order_id,
  customerId: row.customer_id,
  merchantId: row.merchant_id,
  customerAccountId: row.customer_account_id,
  merchantAccountId: row.merchant_account_id,
  placedBy: row.placed_by,
  currency: row.currency,
  totalMinor: Number(row.total_minor),
  status: row.status,
  paymentId: row.payment_id,
  cancelReason: row.cancel_reason,
  carrier: row.carrier,
  trackingNumber: row.tracking_number,
  placedAt: iso(row.placed_at),
  confirmedAt: optionalIso(row.confirmed_at),
  cancelledAt: optionalIso(row.cancelled_at),
  shippedAt: optionalIso(row.shipped_at),
  updatedAt: iso(row.updated_at),
  streamVersion: row.stream_version,
  lines,
});
