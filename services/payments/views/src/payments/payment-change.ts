import { assertNever } from '@ledgerline/domain';
import { type PaymentEvent, type PaymentStatus } from '@ledgerline/payments-domain';
import { ownerIdOf } from '../payment-event';

export type PaymentViewStatus = Exclude<PaymentStatus, 'none'>;

/** The columns an event may set, and the SQL value each gets. */
export interface PaymentColumns {
  readonly payment_id: string;
  readonly order_id: string;
  readonly payer_account_id: string;
  readonly payee_account_id: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: PaymentViewStatus;
  readonly reservation_id: string | null;
  readonly captured_amount: number;
  readonly refunded_amount: number;
  readonly failure_reason: string | null;
  readonly created_at: string;
  readonly authorized_at: string | null;
  readonly captured_at: string | null;
  readonly failed_at: string | null;
  readonly refunded_at: string | null;
  readonly updated_at: string;
  /** The customer it was created for; null for payments created before it was recorded. */
  readonly owner_id: string | null;
}

export type PaymentChange =
  | { readonly kind: 'insert'; readonly row: PaymentColumns }
  | {
      readonly kind: 'update';
      readonly paymentId: string;
      readonly set: Partial<PaymentColumns> & Pick<PaymentColumns, 'status' | 'updated_at'>;
    };

/**
 * What one payment event does to its row. Every event repeats the payment's facts; only the
 * creation inserts, the others set the status and the columns that event decides.
 */
export const paymentChange = (event: PaymentEvent): PaymentChange => {
  const { paymentId, at } = event.data;
  switch (event.type) {
    case 'PaymentCreated': {
      const d = event.data;
      return {
        kind: 'insert',
        row: {
          payment_id: paymentId,
          order_id: d.orderId,
          payer_account_id: d.payerAccountId,
          payee_account_id: d.payeeAccountId,
          amount: d.amount,
          currency: d.currency,
          status: 'created',
          reservation_id: null,
          captured_amount: 0,
          refunded_amount: 0,
          failure_reason: null,
          created_at: at,
          authorized_at: null,
          captured_at: null,
          failed_at: null,
          refunded_at: null,
          updated_at: at,
          owner_id: ownerIdOf(event) ?? null,
        },
      };
    }
    case 'PaymentAuthorized':
      return update(paymentId, {
        status: 'authorized',
        reservation_id: event.data.reservationId,
        authorized_at: at,
        updated_at: at,
      });
    case 'PaymentCaptured':
      return update(paymentId, {
        status: 'captured',
        captured_amount: event.data.amount,
        captured_at: at,
        updated_at: at,
      });
    case 'PaymentFailed':
      return update(paymentId, {
        status: 'failed',
        failure_reason: event.data.reason,
        reservation_id: event.data.reservationId,
        failed_at: at,
        updated_at: at,
      });
    case 'PaymentRefunded':
      return update(paymentId, {
        status: event.data.fullyRefunded ? 'refunded' : 'partially_refunded',
        captured_amount: event.data.capturedAmount,
        refunded_amount: event.data.refundedTotal,
        refunded_at: at,
        updated_at: at,
      });
    default:
      return assertNever(event);
  }
};

const update = (
  paymentId: string,
  set: Extract<PaymentChange, { kind: 'update' }>['set'],
): PaymentChange => ({ kind: 'update', paymentId, set });
