import { InvalidInput, RuleViolation } from '@ledgerline/domain';
import type { AccountCommand } from './commands';
import type { AccountEvent } from './events';
import { MAX_RESERVATION_TTL_MS } from './expiry';
import {
  ACCOUNT_ID,
  NOW,
  RESERVATION_A,
  RESERVATION_B,
  USD,
  accountOpened,
  captured,
  deposited,
  frozen,
  givenAccount,
  released,
  reserved,
} from './testing';

const MINUTE = 60_000;
// NOW is 2025-03-01T12:00:00.000Z; the domain reads no clock, so neither do its tests.
const EXPIRES_AT = '2025-03-01T12:10:00.000Z';
const JUST_BEFORE = '2025-03-01T12:09:59.999Z';
const AFTER = '2025-03-01T12:11:00.000Z';
const MUCH_LATER = '2025-03-01T12:20:00.000Z';
const YEARS_LATER = '2027-11-26T12:00:00.000Z';

/** The fixture event as recorded at `now` instead of NOW. */
const recordedAt = (event: AccountEvent, now: string): AccountEvent =>
  ({ ...event, data: { ...event.data, at: now } }) as AccountEvent;
/**
 * As the transport sends it: the request's ttl, if any, and the instant the reservation ends
 * (`expiresAt`, stamped with NOW; EXPIRES_AT by default when the request has a ttl).
 */
const reserve = (
  amount: number,
  ttlMs?: number,
  expiresAt = ttlMs === undefined ? undefined : EXPIRES_AT,
): AccountCommand => ({
  type: 'ReserveFunds',
  data: { accountId: ACCOUNT_ID, reservationId: RESERVATION_A, amount, currency: 'USD', ttlMs },
  metadata: { now: NOW, ...(expiresAt !== undefined && { expiresAt }) },
});
const capture = (now: string): AccountCommand => ({
  type: 'CaptureReservation',
  data: { accountId: ACCOUNT_ID, reservationId: RESERVATION_A },
  metadata: { now },
});
const release = (now: string): AccountCommand => ({
  type: 'ReleaseReservation',
  data: { accountId: ACCOUNT_ID, reservationId: RESERVATION_A },
  metadata: { now },
});
const expire = (now: string): AccountCommand => ({
  type: 'ExpireReservation',
  data: { accountId: ACCOUNT_ID, reservationId: RESERVATION_A },
  metadata: { now },
});

/** FundsReserved of RESERVATION_A (300 of a 1000 balance) that expires at EXPIRES_AT. */
const reservedUntil = (expiresAt = EXPIRES_AT): AccountEvent => {
  const event = reserved(RESERVATION_A, 300, 1000);
  return event.type === 'FundsReserved' ? { ...event, data: { ...event.data, expiresAt } } : event;
};
const expired = (now: string, reservedAfter = 0): AccountEvent => ({
  type: 'ReservationExpired',
  data: {
    ...{ accountId: ACCOUNT_ID, reservationId: RESERVATION_A, amount: 300 },
    ...{ currency: USD, balance: 1000, reserved: reservedAfter },
    ...{ expiresAt: EXPIRES_AT, at: now },
  },
});

describe('ReserveFunds with a time to live', () => {
  it('records when the reservation expires', () => {
    givenAccount(accountOpened, deposited(1000))
      .when(reserve(300, 10 * MINUTE))
      .then([reservedUntil()]);
  });

  it("records the expiry stamped without a ttl of the request's own (the service default)", () => {
    givenAccount(accountOpened, deposited(1000))
      .when(reserve(300, undefined, EXPIRES_AT))
      .then([reservedUntil()]);
  });

  it('records no expiry when the command carries none', () => {
    givenAccount(accountOpened, deposited(1000))
      .when(reserve(300))
      .then([reserved(RESERVATION_A, 300, 1000)]);
  });

  it.each([0, -1, 1.5, MAX_RESERVATION_TTL_MS + 1])('refuses a time to live of %p', (ttlMs) => {
    givenAccount(accountOpened, deposited(1000))
      .when(reserve(300, ttlMs))
      .thenThrows(InvalidInput, { field: 'ttlMs' });
  });
});

describe('a reservation that has not expired yet', () => {
  it('is captured as before', () => {
    givenAccount(accountOpened, deposited(1000), reservedUntil())
      .when(capture(JUST_BEFORE))
      .then([recordedAt(captured(RESERVATION_A, 300, 700), JUST_BEFORE)]);
  });

  it('is not expired by the platform', () => {
    givenAccount(accountOpened, deposited(1000), reservedUntil())
      .when(expire(JUST_BEFORE))
      .thenThrows(RuleViolation, { rule: 'reservation-not-expired' });
  });
});

describe('a reservation past its expiry', () => {
  it('is released by the platform, saying why', () => {
    givenAccount(accountOpened, deposited(1000), reservedUntil())
      .when(expire(EXPIRES_AT))
      .then([expired(EXPIRES_AT)]);
  });

  it('can no longer be captured, even before the platform released it', () => {
    givenAccount(accountOpened, deposited(1000), reservedUntil())
      .when(capture(EXPIRES_AT))
      .thenThrows(RuleViolation, { rule: 'reservation-expired' });
  });

  it('can still be released by its owner', () => {
    givenAccount(accountOpened, deposited(1000), reservedUntil())
      .when(release(AFTER))
      .then([recordedAt(released(RESERVATION_A, 300, 1000), AFTER)]);
  });

  it('is expired on a frozen account too, since settling is allowed there', () => {
    givenAccount(accountOpened, deposited(1000), reservedUntil(), frozen)
      .when(expire(AFTER))
      .then([expired(AFTER)]);
  });

  it('leaves the other reservations reserved', () => {
    const other = reserved(RESERVATION_B, 200, 1000, 500);
    givenAccount(accountOpened, deposited(1000), reservedUntil(), other)
      .when(expire(EXPIRES_AT))
      .then([expired(EXPIRES_AT, 200)]);
  });
});

describe('an expired reservation', () => {
  const history = [accountOpened, deposited(1000), reservedUntil(), expired(EXPIRES_AT)];

  it('is not expired twice', () => {
    givenAccount(...history)
      .when(expire(MUCH_LATER))
      .thenThrows(RuleViolation, { rule: 'reservation-already-settled' });
  });

  it('cannot be captured: the capture lost the race', () => {
    givenAccount(...history)
      .when(capture(MUCH_LATER))
      .thenThrows(RuleViolation, { rule: 'reservation-already-settled' });
  });

  it('gives its money back to the available balance', () => {
    const reserveAll: AccountCommand = {
      type: 'ReserveFunds',
      data: { accountId: ACCOUNT_ID, reservationId: RESERVATION_B, amount: 1000, currency: 'USD' },
      metadata: { now: NOW },
    };
    givenAccount(...history)
      .when(reserveAll)
      .then([reserved(RESERVATION_B, 1000, 1000)]);
  });
});

describe('a captured reservation', () => {
  it('is not expired afterwards: the expiry lost the race', () => {
    givenAccount(accountOpened, deposited(1000), reservedUntil(), captured(RESERVATION_A, 300, 700))
      .when(expire(EXPIRES_AT))
      .thenThrows(RuleViolation, { rule: 'reservation-already-settled' });
  });
});

describe('a reservation recorded without an expiry', () => {
  it('is never expired by the platform', () => {
    givenAccount(accountOpened, deposited(1000), reserved(RESERVATION_A, 300, 1000))
      .when(expire(YEARS_LATER))
      .thenThrows(RuleViolation, { rule: 'reservation-not-expired' });
  });

  it('is captured however late', () => {
    givenAccount(accountOpened, deposited(1000), reserved(RESERVATION_A, 300, 1000))
      .when(capture(YEARS_LATER))
      .then([recordedAt(captured(RESERVATION_A, 300, 700), YEARS_LATER)]);
  });
});
