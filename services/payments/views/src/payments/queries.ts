import { checkLimit, iso, type Queryable } from '@ledgerline/projections';
import { type PaymentViewStatus } from './payment-change';
import { type PaymentsTables } from './projection';

/** Amounts are integers in the currency's minor units; times ISO-8601 UTC. */
export interface PaymentView {
  readonly paymentId: string;
  readonly orderId: string;
  readonly payerAccountId: string;
  readonly payeeAccountId: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: PaymentViewStatus;
  readonly reservationId: string | null;
  readonly capturedAmount: number;
  readonly refundedAmount: number;
  readonly failureReason: string | null;
  readonly createdAt: string;
  readonly authorizedAt: string | null;
  readonly capturedAt: string | null;
  readonly failedAt: string | null;
  readonly refundedAt: string | null;
  readonly updatedAt: string;
  /** Version of the payment's stream the row reflects: compare with a consistency token. */
  readonly streamVersion: number;
  /** The customer it was created for; null for payments created before it was recorded. */
  readonly ownerId: string | null;
}

/** Where a page ended: the (created_at, payment_id) of its last payment. */
export interface PaymentCursor {
  readonly createdAt: string;
  readonly paymentId: string;
}

export interface ListPaymentsQuery {
  readonly payerAccountId?: string | undefined;
  readonly payeeAccountId?: string | undefined;
  readonly status?: PaymentViewStatus | undefined;
  /** Only this customer's payments (owner_id); everyone's when undefined. */
  readonly ownerId?: string | undefined;
  /** Created at or after (inclusive), ISO-8601. */
  readonly from?: string | undefined;
  /** Created before (exclusive), ISO-8601. */
  readonly to?: string | undefined;
  readonly limit: number;
  /** The `next` of the previous page. */
  readonly after?: PaymentCursor | undefined;
}

export interface PaymentPage {
  /** Oldest first, by (created_at, payment_id). */
  readonly payments: readonly PaymentView[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly next: PaymentCursor | null;
}

interface PaymentRecord {
  payment_id: string;
  order_id: string;
  payer_account_id: string;
  payee_account_id: string;
  amount: string;
  currency: string;
  status: PaymentViewStatus;
  reservation_id: string | null;
  captured_amount: string;
  refunded_amount: string;
  failure_reason: string | null;
  created_at: Date;
  authorized_at: Date | null;
  captured_at: Date | null;
  failed_at: Date | null;
  refunded_at: Date | null;
  updated_at: Date;
  stream_version: number;
  owner_id: string | null;
}

const COLUMNS = `payment_id, order_id, payer_account_id, payee_account_id, amount, currency,
  status, reservation_id, captured_amount, refunded_amount, failure_reason, created_at,
  authorized_at, captured_at, failed_at, refunded_at, updated_at, stream_version, owner_id`;

/** The payment's row, or undefined when the view has not seen it (yet). */
export const getPayment = async (
  db: Queryable,
  tables: PaymentsTables,
  paymentId: string,
): Promise<PaymentView | undefined> => {
  const { rows } = await db.query<PaymentRecord>(
    `SELECT ${COLUMNS} FROM ${tables.payments} WHERE payment_id = $1`,
    [paymentId],
  );
  const row = rows[0];
  return row && toPayment(row);
};

/**
 * Payments matching every given filter, oldest first, paged by keyset on (created_at,
 * payment_id). Only the given filters reach the SQL, so the planner picks the index whose
 * leading column is the filter (payer, payee or status) and walks it in keyset order.
 */
export const listPayments = async (
  db: Queryable,
  tables: PaymentsTables,
  query: ListPaymentsQuery,
): Promise<PaymentPage> => {
  const limit = checkLimit(query.limit);
  const values: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (query.payerAccountId !== undefined)
    where.push(`payer_account_id = ${param(query.payerAccountId)}`);
  if (query.payeeAccountId !== undefined)
    where.push(`payee_account_id = ${param(query.payeeAccountId)}`);
  if (query.status !== undefined) where.push(`status = ${param(query.status)}`);
  if (query.ownerId !== undefined) where.push(`owner_id = ${param(query.ownerId)}`);
  if (query.from !== undefined) where.push(`created_at >= ${param(query.from)}::timestamptz`);
  if (query.to !== undefined) where.push(`created_at < ${param(query.to)}::timestamptz`);
  if (query.after !== undefined)
    where.push(
      `(created_at, payment_id) > (${param(query.after.createdAt)}::timestamptz, ${param(query.after.paymentId)})`,
    );
  const { rows } = await db.query<PaymentRecord>(
    `SELECT ${COLUMNS} FROM ${tables.payments}
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at, payment_id
      LIMIT ${param(limit + 1)}`,
    values,
  );
  const payments = rows.slice(0, limit).map(toPayment);
  const last = payments[payments.length - 1];
  return {
    payments,
    next:
      rows.length > limit && last ? { createdAt: last.createdAt, paymentId: last.paymentId } : null,
  };
};

const optionalIso = (value: Date | null): string | null => (value ? iso(value) : null);

const toPayment = (row: PaymentRecord): PaymentView => ({
  paymentId: row.payment_id,
  orderId: row.order_id,
  payerAccountId: row.payer_account_id,
  payeeAccountId: row.payee_account_id,
  amount: Number(row.amount),
  currency: row.currency,
  status: row.status,
  reservationId: row.reservation_id,
  capturedAmount: Number(row.captured_amount),
  refundedAmount: Number(row.refunded_amount),
  failureReason: row.failure_reason,
  createdAt: iso(row.created_at),
  authorizedAt: optionalIso(row.authorized_at),
  capturedAt: optionalIso(row.captured_at),
  failedAt: optionalIso(row.failed_at),
  refundedAt: optionalIso(row.refunded_at),
  updatedAt: iso(row.updated_at),
  streamVersion: row.stream_version,
  ownerId: row.owner_id,
});
