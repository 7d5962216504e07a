import { privacyCatalog, type PrivacyDeclarations } from '@ledgerline/domain';
import type { AccountEvent } from './events';

// Whose data an account event holds: its owner's. Only AccountOpened names the owner; every later
// event of the account belongs to the subject its stream was opened for.
const ofTheAccountsOwner = (_data: unknown): undefined => undefined;

const movement = {
  accountId: 'safe',
  currency: 'safe',
  at: 'safe',
} as const;

/** Which account event fields are personal (free text a person wrote), and whose. */
export const accountEventPrivacy = {
  AccountOpened: {
    subject: (data) => data.ownerId,
    fields: { accountId: 'safe', ownerId: 'safe', kind: 'safe', currency: 'safe', at: 'safe' },
  },
  FundsDeposited: {
    subject: ofTheAccountsOwner,
    fields: { ...movement, reference: 'personal' },
  },
  FundsWithdrawn: {
    subject: ofTheAccountsOwner,
    fields: { ...movement, reference: 'personal' },
  },
  FundsReserved: {
    subject: ofTheAccountsOwner,
    fields: { ...movement, reservationId: 'safe', expiresAt: 'safe' },
  },
  FundsReservationRejected: {
    subject: ofTheAccountsOwner,
    fields: { ...movement, reservationId: 'safe', reason: 'safe' },
  },
  ReservationCaptured: {
    subject: ofTheAccountsOwner,
    fields: { ...movement, reservationId: 'safe' },
  },
  ReservationReleased: {
    subject: ofTheAccountsOwner,
    fields: { ...movement, reservationId: 'safe' },
  },
  ReservationExpired: {
    subject: ofTheAccountsOwner,
    fields: { ...movement, reservationId: 'safe', expiresAt: 'safe' },
  },
  FundsTransferredOut: {
    subject: ofTheAccountsOwner,
    fields: {
      ...movement,
      transferId: 'safe',
      counterpartyAccountId: 'safe',
      reference: 'personal',
    },
  },
  FundsTransferredIn: {
    subject: ofTheAccountsOwner,
    fields: {
      ...movement,
      transferId: 'safe',
      counterpartyAccountId: 'safe',
      reference: 'personal',
    },
  },
  FundsCredited: {
    subject: ofTheAccountsOwner,
    fields: { ...movement, reference: 'personal' },
  },
  FundsDebited: {
    subject: ofTheAccountsOwner,
    fields: { ...movement, reference: 'personal' },
  },
  AccountFrozen: {
    subject: ofTheAccountsOwner,
    fields: { accountId: 'safe', reason: 'personal', at: 'safe' },
  },
  AccountUnfrozen: { subject: ofTheAccountsOwner, fields: { accountId: 'safe', at: 'safe' } },
  AccountClosed: { subject: ofTheAccountsOwner, fields: { accountId: 'safe', at: 'safe' } },
} satisfies PrivacyDeclarations<AccountEvent>;

/** The declarations as the event store looks them up. */
export const accountPrivacyCatalog = privacyCatalog<AccountEvent>(accountEventPrivacy);
