/**
 * Only the decision time travels with a command; correlation, causation and idempotency keys are
 * carried beside it by the infrastructure.
 */
export interface CommandMetadata {
  readonly now: string;
}

/**
 * A reservation command may also carry what the account's stream records about its reservation
 * id: the command service looks it up only when decide asks for it (ReservationHistoryNeeded),
 * for an id the state no longer remembers (ADR 0018).
 */
export interface ReservationMetadata extends CommandMetadata {
  /** Whether the stream ever recorded FundsReserved for the command's reservation id. */
  readonly reservationOnRecord?: boolean;
}

/** ReserveFunds also carries when the reservation ends, read off the clock that stamped `now`. */
export interface ReserveMetadata extends ReservationMetadata {
  /**
   * `now` + the request's `ttlMs`, or + the service's default for the reservation's kind;
   * absent: the reservation never expires. The domain reads no clock.
   */
  readonly expiresAt?: string;
}

type Command<Type extends string, Data, Metadata = CommandMetadata> = {
  readonly type: Type;
  readonly data: Readonly<Data>;
  readonly metadata: Metadata;
};

// Field values arrive as the transport received them: `decide` parses each one and names the
// field it rejects, so a transport never has to duplicate the rules.

export type OpenAccount = Command<
  'OpenAccount',
  { accountId: string; ownerId: string; kind: string; currency: string }
>;

export type DepositFunds = Command<
  'DepositFunds',
  { accountId: string; amount: number; currency: string; reference?: string | undefined }
>;

export type WithdrawFunds = Command<
  'WithdrawFunds',
  { accountId: string; amount: number; currency: string; reference?: string | undefined }
>;

export type ReserveFunds = Command<
  'ReserveFunds',
  {
    accountId: string;
    reservationId: string;
    amount: number;
    currency: string;
    /**
     * How long the reservation holds, as the request asked (absent: the service's default, which
     * is left out of the command's data so the request hashes the same whatever the default).
     */
    ttlMs?: number | undefined;
  },
  ReserveMetadata
>;

export type CaptureReservation = Command<
  'CaptureReservation',
  { accountId: string; reservationId: string },
  ReservationMetadata
>;

export type ReleaseReservation = Command<
  'ReleaseReservation',
  { accountId: string; reservationId: string },
  ReservationMetadata
>;

/**
 * Sent by the platform's expiry worker, never by a client: releases a reservation whose expiry
 * `metadata.now` has reached, recording why (ReservationExpired).
 */
export type ExpireReservation = Command<
  'ExpireReservation',
  { accountId: string; reservationId: string }
>;

/** Internal money in, e.g. a merchant's settlement or a customer's refund; `reference` says why. */
export type CreditFunds = Command<
  'CreditFunds',
  { accountId: string; amount: number; currency: string; reference: string }
>;

/** Internal money out, e.g. a merchant paying back a refund; `reference` says why. */
export type DebitFunds = Command<
  'DebitFunds',
  { accountId: string; amount: number; currency: string; reference: string }
>;

export type FreezeAccount = Command<'FreezeAccount', { accountId: string; reason: string }>;

export type UnfreezeAccount = Command<'UnfreezeAccount', { accountId: string }>;

export type CloseAccount = Command<'CloseAccount', { accountId: string }>;

export type AccountCommand =
  | OpenAccount
  | DepositFunds
  | WithdrawFunds
  | ReserveFunds
  | CaptureReservation
  | ReleaseReservation
  | ExpireReservation
  | CreditFunds
  | DebitFunds
  | FreezeAccount
  | UnfreezeAccount
  | CloseAccount;
