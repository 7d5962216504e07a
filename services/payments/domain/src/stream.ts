/** Stream category of payments: one stream per payment, named `payment-<paymentId>`. */
export const PAYMENT_STREAM_CATEGORY = 'payment';

/**
 * Pass the id as `parseId` normalises it (lower-case UUID, upper-case ULID), the form the decider
 * records, so one payment never ends up with two streams.
 */
export const paymentStreamId = (paymentId: string): string =>
  `${PAYMENT_STREAM_CATEGORY}-${paymentId}`;

/** The payment id of a `payment-…` stream, or null for a stream of another category. */
export const paymentIdFromStreamId = (streamId: string): string | null =>
  streamId.startsWith(`${PAYMENT_STREAM_CATEGORY}-`)
    ? streamId.slice(PAYMENT_STREAM_CATEGORY.length + 1)
    : null;
