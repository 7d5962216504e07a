import {
  isPaymentEventType,
  PAYMENT_STREAM_CATEGORY,
  type PaymentEvent,
  type PaymentEventType,
} from '@ledgerline/payments-domain';
import { type PublishedEvent, topicForCategory } from '@ledgerline/relay';

/** The topic the relay publishes payment events to. */
export const PAYMENT_EVENTS_TOPIC = topicForCategory(PAYMENT_STREAM_CATEGORY);

/** The domain event inside a published one; the view trusts the store for the data's shape. */
export const paymentEvent = (event: PublishedEvent): PaymentEvent => {
  if (!isPaymentEventType(event.type)) throw new Error(`not a payment event: ${event.type}`);
  return { type: event.type, data: event.data } as PaymentEvent;
};

/** One handler per payment event type: a type added to the domain fails to compile here. */
export const forEveryPaymentEvent = <Handler>(
  handler: Handler,
): Readonly<Record<PaymentEventType, Handler>> => ({
  PaymentCreated: handler,
  PaymentAuthorized: handler,
  PaymentCaptured: handler,
  PaymentFailed: handler,
  PaymentRefunded: handler,
});

/**
 * The customer on whose behalf the payment was created. Events written before the platform
 * recorded it have none (undefined), and stay that way in every view, live or rebuilt.
 */
export const ownerIdOf = (event: PaymentEvent): string | undefined => {
  if (event.type !== 'PaymentCreated') return undefined;
  const data: object = event.data;
  const value: unknown = 'ownerId' in data ? data.ownerId : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
};
