import { NotFound, RuleViolation } from '@ledgerline/domain';
import type { OrderFacts } from './events';
import type { ExistingOrder, OrderState, OrderStatus } from './state';

export const requireOrder = (state: OrderState, orderId: string): ExistingOrder => {
  if (state.status === 'none') throw new NotFound('order', orderId);
  return state;
};

export const illegalTransition = (order: ExistingOrder, to: OrderStatus): RuleViolation =>
  new RuleViolation(
    'illegal-transition',
    `order ${order.orderId} cannot go from ${order.status} to ${to}`,
  );

/** The facts every order event repeats. */
export const factsOf = (order: ExistingOrder, at: string): OrderFacts => ({
  orderId: order.orderId,
  customerId: order.customerId,
  merchantId: order.merchantId,
  totalMinor: order.totalMinor,
  currency: order.currency,
  at,
});
