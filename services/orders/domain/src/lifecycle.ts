import {
  InvalidInput,
  RuleViolation,
  parseCurrency,
  parseId,
  parseOptionalText,
  parseSubject,
  parseText,
} from '@ledgerline/domain';
import type { CancelOrder, ConfirmOrder, MarkOrderShipped, PlaceOrder } from './commands';
import type { OrderCancelled, OrderConfirmed, OrderPlaced, OrderShipped } from './events';
import { factsOf, illegalTransition, requireOrder } from './guards';
import { MAX_REASON_LENGTH, MAX_SHIPPING_FIELD_LENGTH, parseOrderLines } from './parse';
import type { OrderState } from './state';

export const placeOrder = ({ data, metadata }: PlaceOrder, state: OrderState): [OrderPlaced] => {
  const orderId = parseId('orderId', data.orderId);
  const customerId = parseId('customerId', data.customerId);
  const merchantId = parseId('merchantId', data.merchantId);
  const customerAccountId = parseId('customerAccountId', data.customerAccountId);
  const merchantAccountId = parseId('merchantAccountId', data.merchantAccountId);
  // The payment between these two accounts would be refused later; say so while the client listens.
  if (merchantAccountId === customerAccountId)
    throw new InvalidInput('merchantAccountId', 'must differ from customerAccountId');
  const currency = parseCurrency('currency', data.currency);
  const { lines, totalMinor } = parseOrderLines(data.lines);
  const placedBy =
    data.placedBy === undefined ? undefined : parseSubject('placedBy', data.placedBy);
  if (state.status !== 'none')
    throw new RuleViolation('already-exists', `order ${orderId} already exists`);
  const parties = { customerId, merchantId, customerAccountId, merchantAccountId };
  return [
    {
      type: 'OrderPlaced',
      data: {
        orderId,
        ...parties,
        currency,
        lines,
        totalMinor,
        ...(placedBy !== undefined && { placedBy }),
        ...(placedBy !== undefined &&
          data.placerActsForAnyOwner === true && { placerActsForAnyOwner: true as const }),
        at: metadata.now,
      },
    },
  ];
};

export const confirmOrder = (
  { data, metadata }: ConfirmOrder,
  state: OrderState,
): [OrderConfirmed] => {
  const orderId = parseId('orderId', data.orderId);
  const paymentId = parseId('paymentId', data.paymentId);
  const order = requireOrder(state, orderId);
  if (order.status !== 'placed') throw illegalTransition(order, 'confirmed');
  return [{ type: 'OrderConfirmed', data: { ...factsOf(order, metadata.now), paymentId } }];
};

/** Cancelling a confirmed order is allowed: the saga refunds the payment named in the event. */
export const cancelOrder = (
  { data, metadata }: CancelOrder,
  state: OrderState,
): [OrderCancelled] => {
  const orderId = parseId('orderId', data.orderId);
  const reason = parseText('reason', data.reason, MAX_REASON_LENGTH);
  const order = requireOrder(state, orderId);
  if (order.status !== 'placed' && order.status !== 'confirmed')
    throw illegalTransition(order, 'cancelled');
  const wasConfirmed = order.status === 'confirmed';
  const paymentId = order.status === 'confirmed' ? order.paymentId : null;
  return [
    {
      type: 'OrderCancelled',
      data: { ...factsOf(order, metadata.now), reason, wasConfirmed, paymentId },
    },
  ];
};

export const markOrderShipped = (
  { data, metadata }: MarkOrderShipped,
  state: OrderState,
): [OrderShipped] => {
  const orderId = parseId('orderId', data.orderId);
  const carrier = parseOptionalText('carrier', data.carrier, MAX_SHIPPING_FIELD_LENGTH);
  const trackingNumber = parseOptionalText(
    'trackingNumber',
    data.trackingNumber,
    MAX_SHIPPING_FIELD_LENGTH,
  );
  const order = requireOrder(state, orderId);
  if (order.status !== 'confirmed') throw illegalTransition(order, 'shipped');
  const { paymentId } = order;
  return [
    {
      type: 'OrderShipped',
      data: { ...factsOf(order, metadata.now), paymentId, carrier, trackingNumber },
    },
  ];
};
