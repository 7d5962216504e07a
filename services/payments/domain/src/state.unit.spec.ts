import { fold } from '@ledgerline/domain';
import { paymentDecider } from './decider';
import { isPaymentEventType } from './events';
import { PAYMENT_STREAM_CATEGORY, paymentIdFromStreamId, paymentStreamId } from './stream';
import {
  PAYMENT_ID,
  REFUND_A,
  REFUND_B,
  RESERVATION_ID,
  authorized,
  captured,
  created,
  failed,
  refunded,
} from './testing';

describe('payment state', () => {
  it('starts with no payment', () => {
    expect(fold(paymentDecider, [])).toEqual({ status: 'none' });
  });

  it('tracks refunds until the payment is fully refunded', () => {
    const partly = fold(paymentDecider, [
      created,
      authorized,
      captured,
      refunded(REFUND_A, 1000, 1000),
    ]);
    expect(partly).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 1000,
      refundIds: [REFUND_A],
    });
    const fully = fold(paymentDecider, [refunded(REFUND_B, 4000, 5000)], partly);
    expect(fully).toMatchObject({
      status: 'refunded',
      refundedAmount: 5000,
      refundIds: [REFUND_A, REFUND_B],
    });
  });

  it('remembers the reservation of a payment that failed after authorization', () => {
    expect(fold(paymentDecider, [created, authorized, failed(RESERVATION_ID)])).toMatchObject({
      status: 'failed',
      reason: 'card declined',
      reservationId: RESERVATION_ID,
    });
  });

  it('ignores events on a stream that was never created', () => {
    expect(fold(paymentDecider, [captured])).toEqual({ status: 'none' });
  });
});

describe('payment streams', () => {
  it('names one stream per payment in the payment category', () => {
    expect(PAYMENT_STREAM_CATEGORY).toBe('payment');
    expect(paymentStreamId(PAYMENT_ID)).toBe(`payment-${PAYMENT_ID}`);
    expect(paymentIdFromStreamId(paymentStreamId(PAYMENT_ID))).toBe(PAYMENT_ID);
    expect(paymentIdFromStreamId(`order-${PAYMENT_ID}`)).toBeNull();
  });

  it('recognises payment event types', () => {
    expect(isPaymentEventType('PaymentRefunded')).toBe(true);
    expect(isPaymentEventType('FundsReserved')).toBe(false);
  });
});
