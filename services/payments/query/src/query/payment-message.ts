import { InvalidInput } from '@ledgerline/domain';
import { type PaymentView, type PaymentViewStatus } from '@ledgerline/payments-views';
import { type paymentsV1 } from '@ledgerline/proto';

type ProtoStatus = Exclude<paymentsV1.PaymentStatus__Output, 'PAYMENT_STATUS_UNSPECIFIED'>;

const TO_PROTO: Readonly<Record<PaymentViewStatus, ProtoStatus>> = {
  created: 'PAYMENT_STATUS_CREATED',
  authorized: 'PAYMENT_STATUS_AUTHORIZED',
  captured: 'PAYMENT_STATUS_CAPTURED',
  partially_refunded: 'PAYMENT_STATUS_PARTIALLY_REFUNDED',
  refunded: 'PAYMENT_STATUS_REFUNDED',
  failed: 'PAYMENT_STATUS_FAILED',
};

const FROM_PROTO = new Map(
  Object.entries(TO_PROTO).map(([view, proto]) => [proto, view as PaymentViewStatus]),
);

/** A status filter: undefined for UNSPECIFIED (any status). */
export const statusFilter = (
  status: paymentsV1.PaymentStatus__Output | number,
  field = 'status',
): PaymentViewStatus | undefined => {
  if (status === 'PAYMENT_STATUS_UNSPECIFIED' || status === 0) return undefined;
  const view = typeof status === 'string' ? FROM_PROTO.get(status) : undefined;
  if (!view) throw new InvalidInput(field, `"${String(status)}" is not a payment status`);
  return view;
};

/**
 * A payment from the view (or its search document, a superset of the same fields) as the
 * Payment message: absent values become empty strings, amounts stay integer minor units.
 */
export const paymentMessage = (payment: Omit<PaymentView, 'ownerId'>): paymentsV1.Payment => ({
  paymentId: payment.paymentId,
  orderId: payment.orderId,
  payerAccountId: payment.payerAccountId,
  payeeAccountId: payment.payeeAccountId,
  amount: String(payment.amount),
  currency: payment.currency,
  status: TO_PROTO[payment.status],
  reservationId: payment.reservationId ?? '',
  capturedAmount: String(payment.capturedAmount),
  refundedAmount: String(payment.refundedAmount),
  failureReason: payment.failureReason ?? '',
  createdAt: payment.createdAt,
  authorizedAt: payment.authorizedAt ?? '',
  capturedAt: payment.capturedAt ?? '',
  failedAt: payment.failedAt ?? '',
  refundedAt: payment.refundedAt ?? '',
  updatedAt: payment.updatedAt,
  streamVersion: String(payment.streamVersion),
});
