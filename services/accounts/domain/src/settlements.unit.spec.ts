import { fold, RuleViolation } from '@ledgerline/domain';
import { accountDecider } from './decider';
import type { AccountEvent } from './events';
import { ReservationHistoryNeeded } from './reservation-history';
import { RECENT_SETTLEMENTS_KEPT } from './state';
import {
  ACCOUNT_ID,
  NOW,
  accountOpened,
  captured,
  command,
  deposited,
  givenAccount,
  released,
  reserved,
} from './testing';

/** A distinct, well-formed reservation id per number. */
const reservationNo = (n: number): string =>
  `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

/** `count` reservations of 10, each released again: the balance ends where it started. */
const settledReservations = (count: number): AccountEvent[] =>
  Array.from({ length: count }, (_, i) => [
    reserved(reservationNo(i), 10, 1000),
    released(reservationNo(i), 10, 1000),
  ]).flat();

const history = (settlements: number): AccountEvent[] => [
  accountOpened,
  deposited(1000),
  ...settledReservations(settlements),
];

const capture = (reservationId: string, reservationOnRecord?: boolean) => ({
  ...command('CaptureReservation', { accountId: ACCOUNT_ID, reservationId }),
  metadata: {
    now: NOW,
    ...(reservationOnRecord !== undefined && { reservationOnRecord }),
  },
});
const release = (reservationId: string, reservationOnRecord?: boolean) => ({
  ...command('ReleaseReservation', { accountId: ACCOUNT_ID, reservationId }),
  metadata: {
    now: NOW,
    ...(reservationOnRecord !== undefined && { reservationOnRecord }),
  },
});
const reserve = (reservationId: string, amount = 10, reservationOnRecord?: boolean) => ({
  ...command('ReserveFunds', { accountId: ACCOUNT_ID, reservationId, amount, currency: 'USD' }),
  metadata: {
    now: NOW,
    ...(reservationOnRecord !== undefined && { reservationOnRecord }),
  },
});

const FORGOTTEN = reservationNo(0);
const RECENT = reservationNo(999);
const NEVER_MADE = reservationNo(123_456);

describe('an account with many settled reservations', () => {
  it('keeps its state the same size however many reservations were settled', () => {
    const size = (settlements: number) =>
      JSON.stringify(fold(accountDecider, history(settlements))).length;
    expect(size(2_000)).toBe(size(RECENT_SETTLEMENTS_KEPT + 1));
    const state = fold(accountDecider, history(2_000));
    expect(state).toMatchObject({ openReservations: {}, olderSettlementsForgotten: true });
    expect(state).toHaveProperty('recentSettlements', [
      ...Array.from({ length: RECENT_SETTLEMENTS_KEPT }, (_, i) => ({
        reservationId: reservationNo(2_000 - RECENT_SETTLEMENTS_KEPT + i),
        outcome: 'released',
      })),
    ]);
  });

  it('remembers every settlement until the window is full', () => {
    expect(fold(accountDecider, history(RECENT_SETTLEMENTS_KEPT))).toMatchObject({
      olderSettlementsForgotten: false,
    });
  });

  describe('a recently settled reservation', () => {
    const given = () =>
      givenAccount(
        ...history(RECENT_SETTLEMENTS_KEPT + 5),
        reserved(RECENT, 10, 1000),
        captured(RECENT, 10, 990),
      );

    it('is refused for a second capture, naming how it was settled, with no lookup', () => {
      given()
        .when(capture(RECENT))
        .thenThrows(RuleViolation, { rule: 'reservation-already-settled', message: /captured/ });
    });

    it('cannot be reserved again', () => {
      given()
        .when(reserve(RECENT))
        .thenThrows(RuleViolation, { rule: 'reservation-already-exists' });
    });
  });

  describe('a reservation settled so long ago that the state forgot it', () => {
    const given = () => givenAccount(...history(RECENT_SETTLEMENTS_KEPT + 5));

    it("asks for the stream's record before deciding a capture or a release", () => {
      given()
        .when(capture(FORGOTTEN))
        .thenThrows(ReservationHistoryNeeded, { accountId: ACCOUNT_ID, reservationId: FORGOTTEN });
      given().when(release(FORGOTTEN)).thenThrows(ReservationHistoryNeeded);
    });

    it('is refused as already settled when the stream recorded it', () => {
      given()
        .when(capture(FORGOTTEN, true))
        .thenThrows(RuleViolation, { rule: 'reservation-already-settled' });
      given()
        .when(release(FORGOTTEN, true))
        .thenThrows(RuleViolation, { rule: 'reservation-already-settled' });
    });

    it('is not found when the stream never recorded it', () => {
      given()
        .when(capture(NEVER_MADE, false))
        .thenThrows(RuleViolation, { rule: 'reservation-not-found' });
    });

    it('leaves a second reservation of the id to the store, which refuses it atomically', () => {
      // The state cannot tell a forgotten id from a new one: decide reserves, and the accounts
      // schema's unique index refuses the append (services/accounts, reservation-ids).
      given()
        .when(reserve(FORGOTTEN))
        .then([reserved(FORGOTTEN, 10, 1000)]);
    });

    it('is refused as reused, not recorded as rejected, when the account could not grant it', () => {
      given().when(reserve(FORGOTTEN, 5_000)).thenThrows(ReservationHistoryNeeded);
      given()
        .when(reserve(FORGOTTEN, 5_000, true))
        .thenThrows(RuleViolation, { rule: 'reservation-already-exists' });
      given()
        .when(reserve(NEVER_MADE, 5_000, false))
        .then([
          {
            type: 'FundsReservationRejected',
            data: {
              ...{ accountId: ACCOUNT_ID, reservationId: NEVER_MADE, requested: 5_000 },
              ...{ available: 1000, currency: 'USD', reason: 'insufficient-funds', at: NOW },
            },
          } as AccountEvent,
        ]);
    });

    it('still settles an open reservation without a lookup', () => {
      givenAccount(...history(RECENT_SETTLEMENTS_KEPT + 5), reserved(NEVER_MADE, 10, 1000))
        .when(capture(NEVER_MADE))
        .then([captured(NEVER_MADE, 10, 990)]);
    });
  });
});
