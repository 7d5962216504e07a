import type { CurrencyCode } from '@ledgerline/domain';

export const ACCOUNT_KINDS = ['customer', 'merchant'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export type ReservationOutcome = 'captured' | 'released';

/**
 * What an account holds. Records rather than Maps keep the state JSON-serialisable for snapshots;
 * keys are parsed reservation ids (UUID/ULID), so they can never collide with prototype keys.
 */
export interface AccountLedger {
  readonly accountId: string;
  readonly ownerId: string;
  readonly kind: AccountKind;
  readonly currency: CurrencyCode;
  /** Money on the account, including what is reserved. */
  readonly balance: number;
  /** Sum of the open reservations. */
  readonly reserved: number;
  readonly openReservations: Readonly<Record<string, number>>;
  /** Kept forever so a second capture or release is refused rather than mistaken for an unknown id. */
  readonly settledReservations: Readonly<Record<string, ReservationOutcome>>;
}

export type AccountState =
  | { readonly status: 'none' }
  | (AccountLedger & { readonly status: 'open' })
  | (AccountLedger & { readonly status: 'frozen'; readonly frozenReason: string })
  | (AccountLedger & { readonly status: 'closed' });

export type AccountStatus = AccountState['status'];
export type ExistingAccount = Exclude<AccountState, { status: 'none' }>;
export type ActiveAccount = Extract<AccountState, { status: 'open' | 'frozen' }>;

export const initialAccountState: AccountState = { status: 'none' };

/** Money that can still be withdrawn, reserved or debited. Never negative. */
export const availableBalance = (account: AccountLedger): number =>
  account.balance - account.reserved;
