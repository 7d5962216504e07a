import { type FundsReservationRejected } from '@ledgerline/accounts-domain';
import { RuleViolation } from '@ledgerline/domain';
import { type RecordedEvent } from '@ledgerline/event-store';

type Rejection = RecordedEvent<'FundsReservationRejected', FundsReservationRejected['data']>;

const isRejection = (event: RecordedEvent): event is Rejection =>
  event.type === 'FundsReservationRejected';

/**
 * ReserveFunds records a refusal as FundsReservationRejected (the payment saga reacts to it), but
 * its caller asked for money and did not get it: that is answered as FAILED_PRECONDITION, on the
 * first call and on a replay of the same idempotency key alike.
 */
export const refuseRejectedReservation = (events: readonly RecordedEvent[]): void => {
  const rejection = events.find(isRejection);
  if (rejection === undefined) return;
  const { accountId, reservationId, requested, available, currency, reason } = rejection.data;
  const why =
    reason === 'account-frozen'
      ? `account ${accountId} is frozen`
      : `account ${accountId} has ${available} ${currency} available`;
  throw new RuleViolation(
    reason,
    `reservation ${reservationId} of ${requested} ${currency} rejected: ${why}`,
  );
};
