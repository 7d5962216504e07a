import {
  isOrderEventType,
  ORDER_STREAM_CATEGORY,
  type OrderEvent,
  type OrderEventType,
} from '@ledgerline/orders-domain';
import { type PublishedEvent, topicForCategory } from '@ledgerline/relay';

/** The topic the relay publishes order events to. */
export const ORDER_EVENTS_TOPIC = topicForCategory(ORDER_STREAM_CATEGORY);

/** The domain event inside a published one; the view trusts the store for the data's shape. */
export const orderEvent = (event: PublishedEvent): OrderEvent => {
  if (!isOrderEventType(event.type)) throw new Error(`not an order event: ${event.type}`);
  return { type: event.type, data: event.data } as OrderEvent;
};

/** One handler per order event type: a type added to the domain fails to compile here. */
export const forEveryOrderEvent = <Handler>(
  handler: Handler,
): Readonly<Record<OrderEventType, Handler>> => ({
  OrderPlaced: handler,
  OrderConfirmed: handler,
  OrderCancelled: handler,
  OrderShipped: handler,
});

/**
 * Who placed the order: the subject of the user whose token placed it. Events written before
 * the platform recorded it have none (undefined), and stay that way in every view, live or rebuilt.
 */
export const placedByOf = (event: OrderEvent): string | undefined => {
  if (event.type !== 'OrderPlaced') return undefined;
  const data: object = event.data;
  const value: unknown = 'placedBy' in data ? data.placedBy : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
};
