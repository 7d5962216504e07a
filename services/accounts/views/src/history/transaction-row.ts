import { type AccountEvent } from '@ledgerline/accounts-domain';
import { assertNever } from '@ledgerline/domain';

/** One money event of an account, as its history shows it. Amounts in minor units. */
export interface TransactionRow {
  readonly eventId: string;
  readonly accountId: string;
  readonly streamVersion: number;
  readonly type: string;
  /** Signed change of the balance: + money in, − money out, 0 for a hold or its release. */
  readonly amount: number;
  /** Signed change of the reserved funds: + a hold placed, − a hold captured, released or expired. */
  readonly reservedChange: number;
  readonly balanceAfter: number;
  readonly reservedAfter: number;
  readonly currency: string;
  readonly reference: string | null;
  readonly reservationId: string | null;
  readonly at: string;
}

interface EventFacts {
  readonly eventId: string;
  readonly streamVersion: number;
}

/**
 * The history row of a money event, or null for an event that moves no money (opening,
 * freezing, closing, a rejected reservation).
 */
export const transactionRow = (event: AccountEvent, facts: EventFacts): TransactionRow | null => {
  switch (event.type) {
    case 'FundsDeposited':
    case 'FundsCredited':
    case 'FundsTransferredIn':
      return row(event, facts, { amount: event.data.amount, reserved: 0 }, event.data.reference);
    case 'FundsWithdrawn':
    case 'FundsDebited':
    case 'FundsTransferredOut':
      return row(event, facts, { amount: -event.data.amount, reserved: 0 }, event.data.reference);
    case 'FundsReserved':
      return hold(event, facts, { amount: 0, reserved: event.data.amount });
    case 'ReservationCaptured':
      return hold(event, facts, { amount: -event.data.amount, reserved: -event.data.amount });
    case 'ReservationReleased':
    case 'ReservationExpired':
      return hold(event, facts, { amount: 0, reserved: -event.data.amount });
    case 'AccountOpened':
    case 'FundsReservationRejected':
    case 'AccountFrozen':
    case 'AccountUnfrozen':
    case 'AccountClosed':
      return null;
    default:
      return assertNever(event);
  }
};

type MoneyEvent = Extract<AccountEvent, { data: { balance: number } }>;
type HoldEvent = Extract<MoneyEvent, { data: { reservationId: string } }>;

const row = (
  event: MoneyEvent,
  facts: EventFacts,
  change: { amount: number; reserved: number },
  reference: string | null,
  reservationId: string | null = null,
): TransactionRow => ({
  eventId: facts.eventId,
  accountId: event.data.accountId,
  streamVersion: facts.streamVersion,
  type: event.type,
  amount: change.amount,
  reservedChange: change.reserved,
  balanceAfter: event.data.balance,
  reservedAfter: event.data.reserved,
  currency: event.data.currency,
  reference,
  reservationId,
  at: event.data.at,
});

const hold = (event: HoldEvent, facts: EventFacts, change: { amount: number; reserved: number }) =>
  row(event, facts, change, null, event.data.reservationId);
