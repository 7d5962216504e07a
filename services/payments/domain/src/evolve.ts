import { assertNever } from '@ledgerline/domain';
import type { PaymentEvent } from './events';
import type { ExistingPayment, PaymentState, PaymentTerms } from './state';

const termsOf = (payment: ExistingPayment): PaymentTerms => ({
  paymentId: payment.paymentId,
  orderId: payment.orderId,
  payerAccountId: payment.payerAccountId,
  payeeAccountId: payment.payeeAccountId,
  amount: payment.amount,
  currency: payment.currency,
});

/** Folds one event into the state. Events on a stream with no PaymentCreated leave it alone. */
export const evolvePayment = (state: PaymentState, event: PaymentEvent): PaymentState => {
  if (event.type === 'PaymentCreated') {
    const { paymentId, orderId, payerAccountId, payeeAccountId, amount, currency } = event.data;
    return {
      status: 'created',
      ...{ paymentId, orderId, payerAccountId, payeeAccountId, amount, currency },
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'PaymentAuthorized':
      return { ...termsOf(state), status: 'authorized', reservationId: event.data.reservationId };
    case 'PaymentCaptured':
      return {
        ...termsOf(state),
        status: 'captured',
        reservationId: event.data.reservationId,
        refundedAmount: 0,
        refundIds: [],
      };
    case 'PaymentFailed':
      return {
        ...termsOf(state),
        status: 'failed',
        reason: event.data.reason,
        reservationId: event.data.reservationId,
      };
    case 'PaymentRefunded':
      if (!('refundIds' in state)) return state;
      return {
        ...state,
        status: event.data.fullyRefunded ? 'refunded' : 'partially_refunded',
        refundedAmount: event.data.refundedTotal,
        refundIds: [...state.refundIds, event.data.refundId],
      };
    default:
      return assertNever(event);
  }
};
