import { assertNever } from '@ledgerline/domain';
import type { OrderEvent } from './events';
import type { ExistingOrder, OrderDetails, OrderState } from './state';

const detailsOf = (order: ExistingOrder): OrderDetails => ({
  orderId: order.orderId,
  customerId: order.customerId,
  merchantId: order.merchantId,
  customerAccountId: order.customerAccountId,
  merchantAccountId: order.merchantAccountId,
  currency: order.currency,
  lines: order.lines,
  totalMinor: order.totalMinor,
});

/** Folds one event into the state. Events on a stream with no OrderPlaced leave it alone. */
export const evolveOrder = (state: OrderState, event: OrderEvent): OrderState => {
  if (event.type === 'OrderPlaced') {
    const { orderId, customerId, merchantId, customerAccountId, merchantAccountId } = event.data;
    const { currency, lines, totalMinor } = event.data;
    return {
      status: 'placed',
      ...{ orderId, customerId, merchantId, customerAccountId, merchantAccountId },
      ...{ currency, lines, totalMinor },
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'OrderConfirmed':
      return { ...detailsOf(state), status: 'confirmed', paymentId: event.data.paymentId };
    case 'OrderCancelled': {
      const { reason, paymentId } = event.data;
      return { ...detailsOf(state), status: 'cancelled', reason, paymentId };
    }
    case 'OrderShipped': {
      const { paymentId, carrier, trackingNumber } = event.data;
      return { ...detailsOf(state), status: 'shipped', paymentId, carrier, trackingNumber };
    }
    default:
      return assertNever(event);
  }
};
