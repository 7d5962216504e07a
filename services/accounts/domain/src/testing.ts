import { type CurrencyCode } from '@ledgerline/domain';
import { deciderSpec } from '@ledgerline/domain-testing';
import type { AccountCommand } from './commands';
import { accountDecider } from './decider';
import type { AccountEvent } from './events';

// --- Account fixtures ---------------------------------------------------------------------

export const NOW = '2025-03-01T12:00:00.000Z';
export const ACCOUNT_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
export const OWNER_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
export const RESERVATION_A = '01HZX3V9Q8W5T6Y7M8N9P0RAAA';
export const RESERVATION_B = 'b3c9a2e4-1d6f-4a8b-9c0d-2e3f4a5b6c7d';
export const USD = 'USD' as CurrencyCode;

export const givenAccount = deciderSpec(accountDecider);

export const command = <Type extends AccountCommand['type']>(
  type: Type,
  data: Extract<AccountCommand, { type: Type }>['data'],
) => ({ type, data, metadata: { now: NOW } }) as Extract<AccountCommand, { type: Type }>;

const at = NOW;
const accountId = ACCOUNT_ID;
const currency = USD;

export const accountOpened: AccountEvent = {
  type: 'AccountOpened',
  data: { accountId, ownerId: OWNER_ID, kind: 'customer', currency, at },
};

export const deposited = (amount: number, balance = amount, reserved = 0): AccountEvent => ({
  type: 'FundsDeposited',
  data: { accountId, amount, currency, reference: null, balance, reserved, at },
});

export const reserved = (
  reservationId: string,
  amount: number,
  balance: number,
  reservedAfter = amount,
): AccountEvent => ({
  type: 'FundsReserved',
  data: { accountId, reservationId, amount, currency, balance, reserved: reservedAfter, at },
});

export const captured = (
  reservationId: string,
  amount: number,
  balance: number,
  reservedAfter = 0,
): AccountEvent => ({
  type: 'ReservationCaptured',
  data: { accountId, reservationId, amount, currency, balance, reserved: reservedAfter, at },
});

export const released = (
  reservationId: string,
  amount: number,
  balance: number,
  reservedAfter = 0,
): AccountEvent => ({
  type: 'ReservationReleased',
  data: { accountId, reservationId, amount, currency, balance, reserved: reservedAfter, at },
});

export const frozen: AccountEvent = {
  type: 'AccountFrozen',
  data: { accountId, reason: 'fraud review', at },
};

export const closed: AccountEvent = { type: 'AccountClosed', data: { accountId, at } };

export const unfrozen: AccountEvent = { type: 'AccountUnfrozen', data: { accountId, at } };
