import { NotFound, RuleViolation } from '@ledgerline/domain';
import type { PaymentFacts } from './events';
import type { ExistingPayment, PaymentState, PaymentStatus } from './state';

export const requirePayment = (state: PaymentState, paymentId: string): ExistingPayment => {
  if (state.status === 'none') throw new NotFound('payment', paymentId);
  return state;
};

export const illegalTransition = (payment: ExistingPayment, to: PaymentStatus): RuleViolation =>
  new RuleViolation(
    'illegal-transition',
    `payment ${payment.paymentId} cannot go from ${payment.status} to ${to}`,
  );

/** The facts every payment event repeats. */
export const factsOf = (payment: ExistingPayment, at: string): PaymentFacts => ({
  paymentId: payment.paymentId,
  orderId: payment.orderId,
  payerAccountId: payment.payerAccountId,
  payeeAccountId: payment.payeeAccountId,
  currency: payment.currency,
  at,
});
