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
const referencedMovement = { ...movement, reference: 'personal' } as const;
const transferLeg = {
  ...referencedMovement,
  transferId: 'safe',
  counterpartyAccountId: 'safe',
} as const;

/** A declaration for an event of an existing account: its fields belong to the owner. */
const ownersEvent = <const Fields>(fields: Fields) => ({ subject: ofTheAccountsOwner, fields });

/** Which account event fields are personal (free text a person wrote), and whose. */
export const accountEventPrivacy = {
  AccountOpened: {
    subject: (data) => data.ownerId,
    fields: { accountId: 'safe', ownerId: 'safe', kind: 'safe', currency: 'safe', at: 'safe' },
  },
  FundsDeposited: ownersEvent(referencedMovement),
  FundsWithdrawn: ownersEvent(referencedMovement),
  FundsReserved: ownersEvent({ ...movement, reservationId: 'safe', expiresAt: 'safe' }),
  FundsReservationRejected: ownersEvent({ ...movement, reservationId: 'safe', reason: 'safe' }),
  ReservationCaptured: ownersEvent({ ...movement, reservationId: 'safe' }),
  ReservationReleased: ownersEvent({ ...movement, reservationId: 'safe' }),
  ReservationExpired: ownersEvent({ ...movement, reservationId: 'safe', expiresAt: 'safe' }),
  FundsTransferredOut: ownersEvent(transferLeg),
  FundsTransferredIn: ownersEvent(transferLeg),
  FundsCredited: ownersEvent(referencedMovement),
  FundsDebited: ownersEvent(referencedMovement),
  AccountFrozen: ownersEvent({ accountId: 'safe', reason: 'personal', at: 'safe' }),
  AccountUnfrozen: ownersEvent({ accountId: 'safe', at: 'safe' }),
  AccountClosed: ownersEvent({ accountId: 'safe', at: 'safe' }),
} satisfies PrivacyDeclarations<AccountEvent>;

/** The declarations as the event store looks them up. */
export const accountPrivacyCatalog = privacyCatalog<AccountEvent>(accountEventPrivacy);
