import {
  ACCOUNT_STREAM_CATEGORY,
  type AccountEvent,
  type AccountEventType,
  isAccountEventType,
} from '@ledgerline/accounts-domain';
import { type PublishedEvent, topicForCategory } from '@ledgerline/relay';

/** The topic the relay publishes account events to. */
export const ACCOUNT_EVENTS_TOPIC = topicForCategory(ACCOUNT_STREAM_CATEGORY);

/** The domain event inside a published one; the view trusts the store for the data's shape. */
export const accountEvent = (event: PublishedEvent): AccountEvent => {
  if (!isAccountEventType(event.type)) throw new Error(`not an account event: ${event.type}`);
  return { type: event.type, data: event.data } as AccountEvent;
};

/** One handler per account event type: a type added to the domain fails to compile here. */
export const forEveryAccountEvent = <Handler>(
  handler: Handler,
): Readonly<Record<AccountEventType, Handler>> => ({
  AccountOpened: handler,
  FundsDeposited: handler,
  FundsWithdrawn: handler,
  FundsReserved: handler,
  FundsReservationRejected: handler,
  ReservationCaptured: handler,
  ReservationReleased: handler,
  ReservationExpired: handler,
  FundsCredited: handler,
  FundsDebited: handler,
  FundsTransferredOut: handler,
  FundsTransferredIn: handler,
  AccountFrozen: handler,
  AccountUnfrozen: handler,
  AccountClosed: handler,
});
