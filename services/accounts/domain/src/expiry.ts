import { InvalidInput, RuleViolation } from '@ledgerline/domain';
import type { AccountLedger } from './state';

/** The longest a reservation may hold: a year and a day covers any card-style hold. */
export const MAX_RESERVATION_TTL_MS = 366 * 24 * 60 * 60 * 1000;

export const parseTtl = (field: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value <= 0 || value > MAX_RESERVATION_TTL_MS)
    throw new InvalidInput(
      field,
      `must be a whole number of milliseconds in 1..${MAX_RESERVATION_TTL_MS}`,
    );
  return value;
};

/**
 * Whether the open reservation's expiry is at or before `now`; one without expiry never is.
 * Instants are compared as text: the transport stamps both in one canonical form (UTC,
 * milliseconds, `toISOString`), whose text order is time order.
 */
export const hasExpired = (account: AccountLedger, reservationId: string, now: string): boolean => {
  const expiresAt = account.reservationExpiries?.[reservationId];
  return expiresAt !== undefined && expiresAt <= now;
};

export const requireNotExpired = (account: AccountLedger, reservationId: string, now: string) => {
  if (hasExpired(account, reservationId, now))
    throw new RuleViolation(
      'reservation-expired',
      `reservation ${reservationId} expired at ${account.reservationExpiries?.[reservationId]}`,
    );
};
