import { type CurrencyCode, personalPaths, unclassifiedStrings } from '@ledgerline/domain';
import type { AccountEvent, AccountEventType } from './events';
import { accountEventPrivacy } from './privacy';

const movement = {
  accountId: 'a-1',
  amount: 100,
  currency: 'USD' as CurrencyCode,
  at: '2025-03-01T12:00:00.000Z',
  balance: 100,
  reserved: 0,
};
const { accountId, at } = movement;

// One sample per event type with every optional field present (a missing type fails to compile).
const samples: { readonly [T in AccountEventType]: Extract<AccountEvent, { type: T }>['data'] } = {
  AccountOpened: {
    accountId,
    ownerId: 'owner-1',
    kind: 'customer',
    currency: 'USD' as CurrencyCode,
    at,
  },
  FundsDeposited: { ...movement, reference: 'rent for May' },
  FundsWithdrawn: { ...movement, reference: 'cash' },
  FundsReserved: { ...movement, reservationId: 'r-1', expiresAt: '2025-03-08T12:00:00.000Z' },
  FundsReservationRejected: {
    accountId,
    reservationId: 'r-1',
    requested: 100,
    available: 0,
    currency: 'USD' as CurrencyCode,
    reason: 'insufficient-funds',
    at,
  },
  ReservationCaptured: { ...movement, reservationId: 'r-1' },
  ReservationReleased: { ...movement, reservationId: 'r-1' },
  ReservationExpired: {
    ...movement,
    reservationId: 'r-1',
    expiresAt: '2025-03-01T12:00:00.000Z',
  },
  FundsTransferredOut: {
    ...movement,
    transferId: 't-1',
    counterpartyAccountId: 'a-2',
    reference: 'my share of the rent',
  },
  FundsTransferredIn: {
    ...movement,
    transferId: 't-1',
    counterpartyAccountId: 'a-2',
    reference: 'my share of the rent',
  },
  FundsCredited: { ...movement, reference: 'refund' },
  FundsDebited: { ...movement, reference: 'fee' },
  AccountFrozen: { accountId, reason: 'suspected fraud', at },
  AccountUnfrozen: { accountId, at },
  AccountClosed: { accountId, at },
};

const personal: { readonly [T in AccountEventType]: readonly string[] } = {
  AccountOpened: [],
  FundsDeposited: ['reference'],
  FundsWithdrawn: ['reference'],
  FundsReserved: [],
  FundsReservationRejected: [],
  ReservationCaptured: [],
  ReservationReleased: [],
  ReservationExpired: [],
  FundsTransferredOut: ['reference'],
  FundsTransferredIn: ['reference'],
  FundsCredited: ['reference'],
  FundsDebited: ['reference'],
  AccountFrozen: ['reason'],
  AccountUnfrozen: [],
  AccountClosed: [],
};

describe('account events: which fields are personal', () => {
  it.each(Object.keys(samples) as AccountEventType[])(
    '%s: every text field is classified, the personal ones as listed',
    (type) => {
      const declaration = accountEventPrivacy[type];
      expect(unclassifiedStrings(declaration.fields, samples[type])).toEqual([]);
      expect(personalPaths(declaration.fields)).toEqual(personal[type]);
    },
  );

  it('AccountOpened names the owner as subject; later events defer to the stream’s subject', () => {
    expect(accountEventPrivacy.AccountOpened.subject(samples.AccountOpened)).toBe('owner-1');
    expect(accountEventPrivacy.FundsDeposited.subject(samples.FundsDeposited)).toBeUndefined();
  });
});
