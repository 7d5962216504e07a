/** Stream category of orders: one stream per order, named `order-<orderId>`. */
export const ORDER_STREAM_CATEGORY = 'order';

/**
 * Pass the id as `parseId` normalises it (lower-case UUID, upper-case ULID), the form the decider
 * records, so one order never ends up with two streams.
 */
export const orderStreamId = (orderId: string): string => `${ORDER_STREAM_CATEGORY}-${orderId}`;

/** The order id of an `order-…` stream, or null for a stream of another category. */
export const orderIdFromStreamId = (streamId: string): string | null =>
  streamId.startsWith(`${ORDER_STREAM_CATEGORY}-`)
    ? streamId.slice(ORDER_STREAM_CATEGORY.length + 1)
    : null;
