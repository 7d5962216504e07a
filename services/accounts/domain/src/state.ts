import type { CurrencyCode } from '@ledgerline/domain';

export const ACCOUNT_KINDS = ['customer', 'merchant'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export type ReservationOutcome = 'captured' | 'released' | 'expired';

export interface SettledReservation {
  readonly reservationId: string;
  readonly outcome: ReservationOutcome;
}

/**
 * How many settled reservations an account's state remembers. Older ones are forgotten, so the
 * state stays the same size however old the account (ADR 0018): a forgotten id is still never
 * reused, because the store refuses a second FundsReserved of it and its history is looked up.
 */
export const RECENT_SETTLEMENTS_KEPT = 32;

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
  /**
   * When each open reservation that has an expiry expires (ISO instant). Beside
   * `openReservations` rather than inside it, so reservations without one keep their shape;
   * absent until the account holds one (a ledger built without it has none).
   */
  readonly reservationExpiries?: Readonly<Record<string, string>>;
  /** The latest settlements, oldest first, at most RECENT_SETTLEMENTS_KEPT. */
  readonly recentSettlements: readonly SettledReservation[];
  /**
   * True once a settlement fell out of `recentSettlements`: an id that is neither open nor recent
   * may then be a forgotten settlement rather than unknown, and decide needs the stream's record.
   */
  readonly olderSettlementsForgotten: boolean;
}

export type AccountState =
  | { readonly status: 'none' }
  | (AccountLedger & { readonly status: 'open' })
  | (AccountLedger & { readonly status: 'frozen'; readonly frozenReason: string })
  | (AccountLedger & { readonly status: 'closed' });

export type AccountStatus = AccountState['status'];
export type ExistingAccount = Exclude<AccountState, { status: 'none' }>;
export type ActiveAccount = Extract<AccountState, { status: 'open' | 'frozen' }>;

/**
 * The shape of AccountState as snapshots store it. Bump it whenever the shape changes: snapshots
 * taken of another shape are then ignored and the stream is folded from its first event.
 */
export const ACCOUNT_STATE_VERSION = 1;

export const initialAccountState: AccountState = { status: 'none' };

/** Money that can still be withdrawn, reserved or debited. Never negative. */
export const availableBalance = (account: AccountLedger): number =>
  account.balance - account.reserved;
