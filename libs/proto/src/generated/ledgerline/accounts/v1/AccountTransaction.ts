// Original file: proto/ledgerline/accounts/v1/accounts_query.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One money movement. Amounts are integers in the currency's minor units.
 */
export interface AccountTransaction {
  /**
   * The id of the event that moved the money.
   */
  'eventId'?: (string);
  /**
   * The event's version in the account's stream; orders the history.
   */
  'streamVersion'?: (number | string | Long);
  /**
   * The event type, e.g. "FundsDeposited", "FundsReserved", "ReservationCaptured".
   */
  'type'?: (string);
  /**
   * Signed change of the balance: + money in, − money out, 0 for a hold or its release.
   */
  'amountMinor'?: (number | string | Long);
  /**
   * Signed change of the reserved funds: + a hold placed, − a hold captured or released.
   */
  'reservedChangeMinor'?: (number | string | Long);
  'balanceAfterMinor'?: (number | string | Long);
  'reservedAfterMinor'?: (number | string | Long);
  'currency'?: (string);
  /**
   * The command's free-text reference; empty when none.
   */
  'reference'?: (string);
  /**
   * The reservation a hold, capture or release belongs to; empty otherwise.
   */
  'reservationId'?: (string);
  /**
   * RFC 3339 UTC timestamp of the movement.
   */
  'at'?: (string);
}

/**
 * One money movement. Amounts are integers in the currency's minor units.
 */
export interface AccountTransaction__Output {
  /**
   * The id of the event that moved the money.
   */
  'eventId': (string);
  /**
   * The event's version in the account's stream; orders the history.
   */
  'streamVersion': (string);
  /**
   * The event type, e.g. "FundsDeposited", "FundsReserved", "ReservationCaptured".
   */
  'type': (string);
  /**
   * Signed change of the balance: + money in, − money out, 0 for a hold or its release.
   */
  'amountMinor': (string);
  /**
   * Signed change of the reserved funds: + a hold placed, − a hold captured or released.
   */
  'reservedChangeMinor': (string);
  'balanceAfterMinor': (string);
  'reservedAfterMinor': (string);
  'currency': (string);
  /**
   * The command's free-text reference; empty when none.
   */
  'reference': (string);
  /**
   * The reservation a hold, capture or release belongs to; empty otherwise.
   */
  'reservationId': (string);
  /**
   * RFC 3339 UTC timestamp of the movement.
   */
  'at': (string);
}
