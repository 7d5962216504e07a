import { RuleViolation, parseCurrency, parseId, parsePositiveAmount } from '@ledgerline/domain';
import type {
  CaptureReservation,
  ReleaseReservation,
  ReserveFunds,
  ReservationMetadata,
  ReserveMetadata,
} from './commands';
import { ReservationHistoryNeeded } from './reservation-history';
import type {
  FundsReservationRejected,
  FundsReserved,
  ReservationCaptured,
  ReservationRejectionReason,
  ReservationReleased,
} from './events';
import { parseTtl, requireNotExpired } from './expiry';
import { requireActive, requireCurrency } from './guards';
import {
  availableBalance,
  type AccountLedger,
  type AccountState,
  type ActiveAccount,
} from './state';

// A reservation the account cannot grant is recorded as FundsReservationRejected instead of
// thrown: the payment saga reacts to that event. Settling (capture, release) is allowed on a
// frozen account so checkouts already in flight can finish.

const rejectionReason = (
  account: ActiveAccount,
  amount: number,
): ReservationRejectionReason | null => {
  if (account.status === 'frozen') return 'account-frozen';
  if (availableBalance(account) < amount) return 'insufficient-funds';
  return null;
};

const recentOutcome = (account: AccountLedger, reservationId: string) =>
  account.recentSettlements.find((settled) => settled.reservationId === reservationId)?.outcome;

/**
 * Refuses an id the state remembers (open or recently settled). An id settled longer ago is
 * refused by the store, atomically with the append: the accounts schema allows one FundsReserved
 * per reservation id and account, and the command service reports it under the same rule.
 */
const requireUnusedReservationId = (account: AccountLedger, reservationId: string): void => {
  const known =
    Object.hasOwn(account.openReservations, reservationId) ||
    recentOutcome(account, reservationId) !== undefined;
  if (known)
    throw new RuleViolation(
      'reservation-already-exists',
      `account ${account.accountId} already has reservation ${reservationId}`,
    );
};

/**
 * A reservation the account cannot grant is still refused as a reused id first, as when every id
 * was remembered: an id the state may have forgotten is looked up before recording a rejection.
 */
const requireNotForgottenId = (
  account: AccountLedger,
  reservationId: string,
  { reservationOnRecord }: ReservationMetadata,
): void => {
  if (!account.olderSettlementsForgotten) return;
  if (reservationOnRecord === undefined)
    throw new ReservationHistoryNeeded(account.accountId, reservationId);
  if (reservationOnRecord)
    throw new RuleViolation(
      'reservation-already-exists',
      `account ${account.accountId} already had reservation ${reservationId}`,
    );
};

/** The amount of an open reservation; refuses unknown and already settled ones. */
export const openReservationAmount = (
  account: AccountLedger,
  reservationId: string,
  { reservationOnRecord }: ReservationMetadata,
): number => {
  const amount = account.openReservations[reservationId];
  if (amount !== undefined) return amount;
  const outcome = recentOutcome(account, reservationId);
  if (outcome !== undefined)
    throw new RuleViolation(
      'reservation-already-settled',
      `reservation ${reservationId} was already ${outcome}`,
    );
  // Every open reservation is in the state, so one the stream recorded was settled.
  if (account.olderSettlementsForgotten) {
    if (reservationOnRecord === undefined)
      throw new ReservationHistoryNeeded(account.accountId, reservationId);
    if (reservationOnRecord)
      throw new RuleViolation(
        'reservation-already-settled',
        `reservation ${reservationId} was already settled`,
      );
  }
  throw new RuleViolation(
    'reservation-not-found',
    `account ${account.accountId} has no reservation ${reservationId}`,
  );
};

/**
 * The active account and the open reservation that a capture, release or expiry names: parsed
 * ids, then the reservation's amount, refused when it is unknown or already settled.
 */
export const reservationToSettle = (
  data: { readonly accountId: string; readonly reservationId: string },
  state: AccountState,
  metadata: ReservationMetadata,
) => {
  const accountId = parseId('accountId', data.accountId);
  const reservationId = parseId('reservationId', data.reservationId);
  const account = requireActive(state, accountId);
  return {
    account,
    reservationId,
    amount: openReservationAmount(account, reservationId, metadata),
  };
};

/** When the reservation ends, as the transport stamped it; a request's own ttl needs one. */
const stampedExpiry = (
  ttlMs: number | undefined,
  { expiresAt }: ReserveMetadata,
): string | undefined => {
  if (ttlMs !== undefined && expiresAt === undefined)
    throw new Error('ReserveFunds with a ttlMs needs metadata.expiresAt');
  return expiresAt;
};

export const reserveFunds = (
  { data, metadata }: ReserveFunds,
  state: AccountState,
): [FundsReserved] | [FundsReservationRejected] => {
  const accountId = parseId('accountId', data.accountId);
  const reservationId = parseId('reservationId', data.reservationId);
  const amount = parsePositiveAmount('amount', data.amount);
  const currency = parseCurrency('currency', data.currency);
  const ttlMs = data.ttlMs === undefined ? undefined : parseTtl('ttlMs', data.ttlMs);
  const expiresAt = stampedExpiry(ttlMs, metadata);
  const account = requireActive(state, accountId);
  requireCurrency(account, currency);
  requireUnusedReservationId(account, reservationId);
  const at = metadata.now;
  const reason = rejectionReason(account, amount);
  if (reason !== null) {
    requireNotForgottenId(account, reservationId, metadata);
    const available = availableBalance(account);
    return [
      {
        type: 'FundsReservationRejected',
        data: {
          accountId: account.accountId,
          reservationId,
          requested: amount,
          available,
          currency,
          reason,
          at,
        },
      },
    ];
  }
  const { balance } = account;
  const reserved = account.reserved + amount;
  return [
    {
      type: 'FundsReserved',
      data: {
        accountId: account.accountId,
        reservationId,
        amount,
        currency,
        balance,
        reserved,
        at,
        ...(expiresAt !== undefined && { expiresAt }),
      },
    },
  ];
};

/**
 * Capturing takes the reserved money off the balance and ends the reservation; not once it has
 * expired, even before the platform released it: the money is the customer's again.
 */
export const captureReservation = (
  { data, metadata }: CaptureReservation,
  state: AccountState,
): [ReservationCaptured] => {
  const { account, reservationId, amount } = reservationToSettle(data, state, metadata);
  requireNotExpired(account, reservationId, metadata.now);
  const { currency } = account;
  const balance = account.balance - amount;
  const reserved = account.reserved - amount;
  const at = metadata.now;
  return [
    {
      type: 'ReservationCaptured',
      data: {
        accountId: account.accountId,
        reservationId,
        amount,
        currency,
        balance,
        reserved,
        at,
      },
    },
  ];
};

/** Releasing gives the reserved money back to the available balance, expired or not. */
export const releaseReservation = (
  { data, metadata }: ReleaseReservation,
  state: AccountState,
): [ReservationReleased] => {
  const { account, reservationId, amount } = reservationToSettle(data, state, metadata);
  const { currency, balance } = account;
  const reserved = account.reserved - amount;
  const at = metadata.now;
  return [
    {
      type: 'ReservationReleased',
      data: {
        accountId: account.accountId,
        reservationId,
        amount,
        currency,
        balance,
        reserved,
        at,
      },
    },
  ];
};
