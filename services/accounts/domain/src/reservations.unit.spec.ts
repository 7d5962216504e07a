import { InvalidInput, NotFound, RuleViolation } from '@ledgerline/domain';
import type { AccountEvent, ReservationRejectionReason } from './events';
import {
  ACCOUNT_ID,
  NOW,
  RESERVATION_A,
  RESERVATION_B,
  USD,
  accountOpened,
  captured,
  closed,
  command,
  deposited,
  frozen,
  givenAccount,
  released,
  reserved,
} from './testing';

const reserve = (amount: number, reservationId = RESERVATION_A, currency = 'USD') =>
  command('ReserveFunds', { accountId: ACCOUNT_ID, reservationId, amount, currency });
const capture = (reservationId = RESERVATION_A) =>
  command('CaptureReservation', { accountId: ACCOUNT_ID, reservationId });
const release = (reservationId = RESERVATION_A) =>
  command('ReleaseReservation', { accountId: ACCOUNT_ID, reservationId });

const rejected = (
  requested: number,
  available: number,
  reason: ReservationRejectionReason,
): AccountEvent => ({
  type: 'FundsReservationRejected',
  data: {
    ...{ accountId: ACCOUNT_ID, reservationId: RESERVATION_A, requested, available, reason },
    ...{ currency: USD, at: NOW },
  },
});

describe('ReserveFunds', () => {
  it('reserves part of the available balance', () => {
    givenAccount(accountOpened, deposited(1000), reserved(RESERVATION_B, 300, 1000))
      .when(reserve(700))
      .then([reserved(RESERVATION_A, 700, 1000, 1000)]);
  });

  it('records a rejection instead of throwing when the available balance is short', () => {
    givenAccount(accountOpened, deposited(1000), reserved(RESERVATION_B, 300, 1000))
      .when(reserve(701))
      .then([rejected(701, 700, 'insufficient-funds')]);
  });

  it('records a rejection instead of throwing when the account is frozen', () => {
    givenAccount(accountOpened, deposited(1000), frozen)
      .when(reserve(10))
      .then([rejected(10, 1000, 'account-frozen')]);
  });

  it('lets a rejected reservation id be tried again once money arrived', () => {
    givenAccount(accountOpened, rejected(500, 0, 'insufficient-funds'), deposited(500))
      .when(reserve(500))
      .then([reserved(RESERVATION_A, 500, 500)]);
  });

  it('refuses to reuse the id of an open reservation', () => {
    givenAccount(accountOpened, deposited(1000), reserved(RESERVATION_A, 100, 1000))
      .when(reserve(100))
      .thenThrows(RuleViolation, { rule: 'reservation-already-exists' });
  });

  it('refuses to reuse the id of a settled reservation', () => {
    givenAccount(
      accountOpened,
      deposited(1000),
      reserved(RESERVATION_A, 100, 1000),
      released(RESERVATION_A, 100, 1000),
    )
      .when(reserve(100))
      .thenThrows(RuleViolation, { rule: 'reservation-already-exists' });
  });

  it('refuses another currency', () => {
    givenAccount(accountOpened, deposited(1000))
      .when(reserve(100, RESERVATION_A, 'EUR'))
      .thenThrows(RuleViolation, { rule: 'currency-mismatch' });
  });

  it('refuses reservations on a closed account', () => {
    givenAccount(accountOpened, closed)
      .when(reserve(100))
      .thenThrows(RuleViolation, { rule: 'account-closed' });
  });

  it('does not find an account that was never opened', () => {
    givenAccount().when(reserve(100)).thenThrows(NotFound, { entity: 'account' });
  });

  it.each([
    ['reservationId', reserve(100, 'abc')],
    ['amount', reserve(0)],
    ['currency', reserve(100, RESERVATION_A, '')],
  ])('rejects an invalid %s', (field, invalid) => {
    givenAccount(accountOpened, deposited(1000)).when(invalid).thenThrows(InvalidInput, { field });
  });
});

describe('CaptureReservation', () => {
  const history = [accountOpened, deposited(1000), reserved(RESERVATION_A, 400, 1000)];

  it('takes the reserved money off the balance and ends the reservation', () => {
    givenAccount(...history)
      .when(capture())
      .then([captured(RESERVATION_A, 400, 600, 0)]);
  });

  it('captures on a frozen account so checkouts in flight can settle', () => {
    givenAccount(...history, frozen)
      .when(capture())
      .then([captured(RESERVATION_A, 400, 600, 0)]);
  });

  it('captures at most once', () => {
    givenAccount(...history, captured(RESERVATION_A, 400, 600))
      .when(capture())
      .thenThrows(RuleViolation, { rule: 'reservation-already-settled', message: /captured/ });
  });

  it('refuses to capture a released reservation', () => {
    givenAccount(...history, released(RESERVATION_A, 400, 1000))
      .when(capture())
      .thenThrows(RuleViolation, { rule: 'reservation-already-settled', message: /released/ });
  });

  it('refuses an unknown reservation', () => {
    givenAccount(...history)
      .when(capture(RESERVATION_B))
      .thenThrows(RuleViolation, { rule: 'reservation-not-found' });
  });

  it('does not find an account that was never opened', () => {
    givenAccount().when(capture()).thenThrows(NotFound, { entity: 'account' });
  });

  it('rejects an invalid reservationId', () => {
    givenAccount(...history)
      .when(capture(''))
      .thenThrows(InvalidInput, { field: 'reservationId' });
  });
});

describe('ReleaseReservation', () => {
  const history = [accountOpened, deposited(1000), reserved(RESERVATION_A, 400, 1000)];

  it('gives the reserved money back to the available balance', () => {
    givenAccount(...history)
      .when(release())
      .then([released(RESERVATION_A, 400, 1000, 0)]);
  });

  it('releases on a frozen account', () => {
    givenAccount(...history, frozen)
      .when(release())
      .then([released(RESERVATION_A, 400, 1000, 0)]);
  });

  it('releases at most once', () => {
    givenAccount(...history, released(RESERVATION_A, 400, 1000))
      .when(release())
      .thenThrows(RuleViolation, { rule: 'reservation-already-settled' });
  });

  it('refuses to release a captured reservation', () => {
    givenAccount(...history, captured(RESERVATION_A, 400, 600))
      .when(release())
      .thenThrows(RuleViolation, { rule: 'reservation-already-settled' });
  });

  it('refuses an unknown reservation', () => {
    givenAccount(...history)
      .when(release(RESERVATION_B))
      .thenThrows(RuleViolation, { rule: 'reservation-not-found' });
  });

  it('does not find an account that was never opened', () => {
    givenAccount().when(release()).thenThrows(NotFound, { entity: 'account' });
  });

  it('rejects an invalid accountId', () => {
    givenAccount(...history)
      .when(command('ReleaseReservation', { accountId: 'x', reservationId: RESERVATION_A }))
      .thenThrows(InvalidInput, { field: 'accountId' });
  });
});
