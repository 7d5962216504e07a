import { RuleViolation } from '@ledgerline/domain';
import type { ExpireReservation } from './commands';
import type { ReservationExpired } from './events';
import { hasExpired } from './expiry';
import { reservationToSettle } from './reservations';
import type { AccountState } from './state';

/**
 * Releases an open reservation once its expiry has passed. The platform sends it for every
 * reservation past its expiry, possibly twice (replicas) or after a capture won the race: the
 * second one meets a settled reservation and is refused, so money is released at most once.
 */
export const expireReservation = (
  { data, metadata }: ExpireReservation,
  state: AccountState,
): [ReservationExpired] => {
  const { account, reservationId, amount } = reservationToSettle(data, state, metadata);
  const expiresAt = account.reservationExpiries?.[reservationId];
  if (expiresAt === undefined || !hasExpired(account, reservationId, metadata.now))
    throw new RuleViolation(
      'reservation-not-expired',
      `reservation ${reservationId} ${expiresAt === undefined ? 'has no expiry' : `expires at ${expiresAt}`}`,
    );
  const { currency, balance } = account;
  const reserved = account.reserved - amount;
  return [
    {
      type: 'ReservationExpired',
      data: {
        accountId: account.accountId,
        reservationId,
        amount,
        currency,
        balance,
        reserved,
        expiresAt,
        at: metadata.now,
      },
    },
  ];
};
