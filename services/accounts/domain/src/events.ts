import type { CurrencyCode, DomainEvent } from '@ledgerline/domain';
import type { AccountKind } from './state';

// Each event is self-contained (account id, amounts, currency, time) so projections and sagas
// never need an earlier event to interpret it. Money events also carry the balances *after* the
// event, so read models copy them instead of replaying arithmetic.

interface BalancesAfter {
  readonly balance: number;
  readonly reserved: number;
}

interface FundsMovement extends BalancesAfter {
  readonly accountId: string;
  readonly amount: number;
  readonly currency: CurrencyCode;
  readonly at: string;
}

interface ReservationMovement extends FundsMovement {
  readonly reservationId: string;
}

export type AccountOpened = DomainEvent<
  'AccountOpened',
  {
    readonly accountId: string;
    readonly ownerId: string;
    readonly kind: AccountKind;
    readonly currency: CurrencyCode;
    readonly at: string;
  }
>;

export type FundsDeposited = DomainEvent<
  'FundsDeposited',
  FundsMovement & { readonly reference: string | null }
>;

export type FundsWithdrawn = DomainEvent<
  'FundsWithdrawn',
  FundsMovement & { readonly reference: string | null }
>;

/**
 * `expiresAt` is optional: events recorded before reservations expired have none, and such a
 * reservation never expires (an added optional field, so the schema version stays 1).
 */
export type FundsReserved = DomainEvent<
  'FundsReserved',
  ReservationMovement & { readonly expiresAt?: string }
>;

export type ReservationRejectionReason = 'insufficient-funds' | 'account-frozen';

/** A refused reservation is a fact the payment saga reacts to, not a failed command. */
export type FundsReservationRejected = DomainEvent<
  'FundsReservationRejected',
  {
    readonly accountId: string;
    readonly reservationId: string;
    readonly requested: number;
    readonly available: number;
    readonly currency: CurrencyCode;
    readonly reason: ReservationRejectionReason;
    readonly at: string;
  }
>;

export type ReservationCaptured = DomainEvent<'ReservationCaptured', ReservationMovement>;

export type ReservationReleased = DomainEvent<'ReservationReleased', ReservationMovement>;

/** The platform released a reservation nobody captured or released before its expiry. */
export type ReservationExpired = DomainEvent<
  'ReservationExpired',
  ReservationMovement & { readonly expiresAt: string }
>;

export type FundsCredited = DomainEvent<
  'FundsCredited',
  FundsMovement & { readonly reference: string }
>;

export type FundsDebited = DomainEvent<
  'FundsDebited',
  FundsMovement & { readonly reference: string }
>;

/** One leg of a transfer: both legs carry the transfer id and are written in one transaction. */
interface TransferLeg extends FundsMovement {
  readonly transferId: string;
  /** The other account of the transfer: the destination of money out, the source of money in. */
  readonly counterpartyAccountId: string;
  readonly reference: string | null;
}

export type FundsTransferredOut = DomainEvent<'FundsTransferredOut', TransferLeg>;

export type FundsTransferredIn = DomainEvent<'FundsTransferredIn', TransferLeg>;

export type AccountFrozen = DomainEvent<
  'AccountFrozen',
  { readonly accountId: string; readonly reason: string; readonly at: string }
>;

export type AccountUnfrozen = DomainEvent<
  'AccountUnfrozen',
  { readonly accountId: string; readonly at: string }
>;

export type AccountClosed = DomainEvent<
  'AccountClosed',
  { readonly accountId: string; readonly at: string }
>;

export type AccountEvent =
  | AccountOpened
  | FundsDeposited
  | FundsWithdrawn
  | FundsReserved
  | FundsReservationRejected
  | ReservationCaptured
  | ReservationReleased
  | ReservationExpired
  | FundsCredited
  | FundsDebited
  | FundsTransferredOut
  | FundsTransferredIn
  | AccountFrozen
  | AccountUnfrozen
  | AccountClosed;

export type AccountEventType = AccountEvent['type'];

// A record, not an array, so adding an event to the union without listing it here fails to compile.
const accountEventTypes: Readonly<Record<AccountEventType, true>> = {
  AccountOpened: true,
  FundsDeposited: true,
  FundsWithdrawn: true,
  FundsReserved: true,
  FundsReservationRejected: true,
  ReservationCaptured: true,
  ReservationReleased: true,
  ReservationExpired: true,
  FundsCredited: true,
  FundsDebited: true,
  FundsTransferredOut: true,
  FundsTransferredIn: true,
  AccountFrozen: true,
  AccountUnfrozen: true,
  AccountClosed: true,
};

/** Lets a reader of raw stored events tell an account event type from anything else. */
export const isAccountEventType = (type: string): type is AccountEventType =>
  Object.hasOwn(accountEventTypes, type);
