import { RuleViolation, parseCurrency, parseId, parsePositiveAmount } from '@ledgerline/domain';
import type { CaptureReservation, ReleaseReservation, ReserveFunds } from './commands';
import type {
  FundsReservationRejected,
  FundsReserved,
  ReservationCaptured,
  ReservationRejectionReason,
  ReservationReleased,
} from './events';
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

const requireUnusedReservationId = (account: AccountLedger, reservationId: string): void => {
  const known =
    Object.hasOwn(account.openReservations, reservationId) ||
    Object.hasOwn(account.settledReservations, reservationId);
  if (known)
    throw new RuleViolation(
      'reservation-already-exists',
      `account ${account.accountId} already has reservation ${reservationId}`,
    );
};

/** The amount of an open reservation; refuses unknown and already settled ones. */
const openReservationAmount = (account: AccountLedger, reservationId: string): number => {
  const outcome = account.settledReservations[reservationId];
  if (outcome !== undefined)
    throw new RuleViolation(
      'reservation-already-settled',
      `reservation ${reservationId} was already ${outcome}`,
    );
  const amount = account.openReservations[reservationId];
  if (amount === undefined)
    throw new RuleViolation(
      'reservation-not-found',
      `account ${account.accountId} has no reservation ${reservationId}`,
    );
  return amount;
};

export const reserveFunds = (
  { data, metadata }: ReserveFunds,
  state: AccountState,
): [FundsReserved] | [FundsReservationRejected] => {
  const accountId = parseId('accountId', data.accountId);
  const reservationId = parseId('reservationId', data.reservationId);
  const amount = parsePositiveAmount('amount', data.amount);
  const currency = parseCurrency('currency', data.currency);
  const account = requireActive(state, accountId);
  requireCurrency(account, currency);
  requireUnusedReservationId(account, reservationId);
  const at = metadata.now;
  const reason = rejectionReason(account, amount);
  if (reason !== null) {
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
      },
    },
  ];
};

/** Capturing takes the reserved money off the balance and ends the reservation. */
export const captureReservation = (
  { data, metadata }: CaptureReservation,
  state: AccountState,
): [ReservationCaptured] => {
  const accountId = parseId('accountId', data.accountId);
  const reservationId = parseId('reservationId', data.reservationId);
  const account = requireActive(state, accountId);
  const amount = openReservationAmount(account, reservationId);
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

/** Releasing gives the reserved money back to the available balance. */
export const releaseReservation = (
  { data, metadata }: ReleaseReservation,
  state: AccountState,
): [ReservationReleased] => {
  const accountId = parseId('accountId', data.accountId);
  const reservationId = parseId('reservationId', data.reservationId);
  const account = requireActive(state, accountId);
  const amount = openReservationAmount(account, reservationId);
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
