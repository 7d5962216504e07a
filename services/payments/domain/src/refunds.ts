import { RuleViolation, parseId, parsePositiveAmount } from '@ledgerline/domain';
import type { RefundPayment } from './commands';
import type { PaymentRefunded } from './events';
import { factsOf, illegalTransition, requirePayment } from './guards';
import type { PaymentState } from './state';

/**
 * Refunds may be partial and repeated until the captured amount is used up. A refund id is used
 * once: a second refund under the same id is refused even when the payment is fully refunded,
 * so a caller retrying without the idempotency key learns it already happened.
 */
export const refundPayment = (
  { data, metadata }: RefundPayment,
  state: PaymentState,
): [PaymentRefunded] => {
  const paymentId = parseId('paymentId', data.paymentId);
  const refundId = parseId('refundId', data.refundId);
  const amount = parsePositiveAmount('amount', data.amount);
  const payment = requirePayment(state, paymentId);
  if ('refundIds' in payment && payment.refundIds.includes(refundId))
    throw new RuleViolation(
      'refund-already-exists',
      `payment ${payment.paymentId} already has refund ${refundId}`,
    );
  if (payment.status !== 'captured' && payment.status !== 'partially_refunded')
    throw illegalTransition(payment, 'refunded');
  const refundable = payment.amount - payment.refundedAmount;
  if (amount > refundable)
    throw new RuleViolation(
      'refund-exceeds-captured',
      `payment ${payment.paymentId} has ${refundable} ${payment.currency} left to refund, not ${amount}`,
    );
  const refundedTotal = payment.refundedAmount + amount;
  return [
    {
      type: 'PaymentRefunded',
      data: {
        ...factsOf(payment, metadata.now),
        ...{ refundId, amount, capturedAmount: payment.amount, refundedTotal },
        fullyRefunded: refundedTotal === payment.amount,
      },
    },
  ];
};
