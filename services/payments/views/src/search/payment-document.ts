import { assertNever } from '@ledgerline/domain';
import { type PaymentEvent } from '@ledgerline/payments-domain';
import { ownerIdOf } from '../payment-event';
import { type PaymentViewStatus } from '../payments/payment-change';
import { majorUnits } from './money';

/** One payment as the `payments` index holds it (see docs/analytics/README.md). */
export interface PaymentDocument {
  readonly paymentId: string;
  readonly orderId: string;
  readonly payerAccountId: string;
  readonly payeeAccountId: string;
  /**
   * The customer it was created for. Absent (not null) for payments created before it was
   * recorded, so a document the live index wrote before the field existed and one a rebuild
   * writes from the same events are the same document.
   */
  readonly ownerId?: string;
  readonly currency: string;
  readonly amount: number;
  readonly amountMajor: number;
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
  readonly streamVersion: number;
}

/**
 * The full document after `event`, from the document before it. Every field an event decides
 * is set from the event (so building on a newer document still converges); the creation starts
 * from nothing, any other event needs the document its stream's creation made.
 */
export const paymentDocument = (
  current: PaymentDocument | undefined,
  event: PaymentEvent,
  streamVersion: number,
): PaymentDocument => {
  const d = event.data;
  const facts = {
    paymentId: d.paymentId,
    orderId: d.orderId,
    payerAccountId: d.payerAccountId,
    payeeAccountId: d.payeeAccountId,
    currency: d.currency,
    updatedAt: d.at,
    streamVersion,
  };
  if (event.type === 'PaymentCreated') {
    const ownerId = ownerIdOf(event);
    return {
      ...facts,
      ...(ownerId !== undefined && { ownerId }),
      amount: event.data.amount,
      amountMajor: majorUnits(event.data.amount, d.currency),
      status: 'created',
      reservationId: null,
      capturedAmount: 0,
      refundedAmount: 0,
      failureReason: null,
      createdAt: d.at,
      authorizedAt: null,
      capturedAt: null,
      failedAt: null,
      refundedAt: null,
    };
  }
  if (!current)
    throw new Error(
      `payment ${d.paymentId}: no document to apply ${event.type} v${streamVersion} to`,
    );
  const next = { ...current, ...facts };
  switch (event.type) {
    case 'PaymentAuthorized':
      return {
        ...next,
        status: 'authorized',
        reservationId: event.data.reservationId,
        authorizedAt: d.at,
      };
    case 'PaymentCaptured':
      return { ...next, status: 'captured', capturedAmount: event.data.amount, capturedAt: d.at };
    case 'PaymentFailed':
      return {
        ...next,
        status: 'failed',
        failureReason: event.data.reason,
        reservationId: event.data.reservationId,
        failedAt: d.at,
      };
    case 'PaymentRefunded':
      return {
        ...next,
        status: event.data.fullyRefunded ? 'refunded' : 'partially_refunded',
        capturedAmount: event.data.capturedAmount,
        refundedAmount: event.data.refundedTotal,
        refundedAt: d.at,
      };
    default:
      return assertNever(event);
  }
};
