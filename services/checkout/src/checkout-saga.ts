import {
  type CheckoutCommand,
  type CheckoutEvent,
  type CheckoutIdName,
  checkoutReact,
  type CheckoutSettings,
  type CheckoutState,
} from '@ledgerline/checkout-domain';
import { topicForCategory } from '@ledgerline/cloud-events';
import { ORDER_STREAM_CATEGORY } from '@ledgerline/orders-domain';
import { type SagaDefinition } from '@ledgerline/sagas';

export const CHECKOUT_SAGA = 'checkout';

interface OrderEventData {
  readonly orderId?: unknown;
  readonly customerAccountId?: unknown;
  readonly merchantAccountId?: unknown;
  readonly totalMinor?: unknown;
  readonly currency?: unknown;
  readonly placedBy?: unknown;
  readonly placerActsForAnyOwner?: unknown;
  readonly reason?: unknown;
  readonly wasConfirmed?: unknown;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** Reads the order events the checkout needs; anything malformed is not a checkout. */
const toEvent = (type: string, data: OrderEventData): CheckoutEvent | undefined => {
  const orderId = text(data.orderId);
  if (!orderId) return undefined;
  if (type === 'OrderPlaced') {
    const customerAccountId = text(data.customerAccountId);
    const merchantAccountId = text(data.merchantAccountId);
    const currency = text(data.currency);
    const totalMinor = data.totalMinor;
    if (!customerAccountId || !merchantAccountId || !currency || typeof totalMinor !== 'number')
      return undefined;
    const placedBy = text(data.placedBy);
    return {
      type,
      orderId,
      customerAccountId,
      merchantAccountId,
      currency,
      totalMinor,
      ...(placedBy ? { placedBy } : {}),
      ...(data.placerActsForAnyOwner === true && { placerActsForAnyOwner: true }),
    };
  }
  if (type === 'OrderCancelled')
    return {
      type,
      orderId,
      reason: text(data.reason) ?? '',
      wasConfirmed: data.wasConfirmed === true,
    };
  return undefined;
};

/**
 * The checkout as a saga definition: one saga per order (saga id = order id, the key of the
 * order topic, so a saga's events arrive in order), started by OrderPlaced.
 */
export const checkoutSaga = (
  settings: CheckoutSettings,
): SagaDefinition<CheckoutState, CheckoutEvent, CheckoutCommand, CheckoutIdName> => ({
  type: CHECKOUT_SAGA,
  topics: [topicForCategory(ORDER_STREAM_CATEGORY)],
  eventTypes: ['OrderPlaced', 'OrderCancelled'],
  derivedIds: ['payment', 'reservation', 'refund'],
  route: ({ type, data }) => {
    const event = toEvent(type, data ?? {});
    return event && { sagaId: event.orderId, event, starts: event.type === 'OrderPlaced' };
  },
  react: checkoutReact(settings),
});
