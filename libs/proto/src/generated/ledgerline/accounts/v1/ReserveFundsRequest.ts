// Original file: proto/ledgerline/accounts/v1/accounts.proto

import type { Money as _ledgerline_common_v1_Money, Money__Output as _ledgerline_common_v1_Money__Output } from '../../../ledgerline/common/v1/Money';
import type { Long } from '@grpc/proto-loader';

export interface ReserveFundsRequest {
  /**
   * The account to hold money on.
   */
  'accountId'?: (string);
  /**
   * The reservation's id (UUID or ULID), chosen by the caller; never reused on an account.
   */
  'reservationId'?: (string);
  /**
   * A positive amount in the account's currency.
   */
  'amount'?: (_ledgerline_common_v1_Money | null);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey'?: (string);
  /**
   * Optional: how long the reservation holds, in milliseconds from when the service receives it
   * (at most 366 days). 0 or unset: the service's default (RESERVATION_TTL_MS). Once expired, a
   * reservation can no longer be captured (FAILED_PRECONDITION, rule reservation-expired) and the
   * service releases it (ReservationExpired).
   */
  'ttlMs'?: (number | string | Long);
}

export interface ReserveFundsRequest__Output {
  /**
   * The account to hold money on.
   */
  'accountId': (string);
  /**
   * The reservation's id (UUID or ULID), chosen by the caller; never reused on an account.
   */
  'reservationId': (string);
  /**
   * A positive amount in the account's currency.
   */
  'amount': (_ledgerline_common_v1_Money__Output | null);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey': (string);
  /**
   * Optional: how long the reservation holds, in milliseconds from when the service receives it
   * (at most 366 days). 0 or unset: the service's default (RESERVATION_TTL_MS). Once expired, a
   * reservation can no longer be captured (FAILED_PRECONDITION, rule reservation-expired) and the
   * service releases it (ReservationExpired).
   */
  'ttlMs': (string);
}
