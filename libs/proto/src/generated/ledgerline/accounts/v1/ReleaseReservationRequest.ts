// Original file: proto/ledgerline/accounts/v1/accounts.proto


export interface ReleaseReservationRequest {
  /**
   * The account holding the reservation.
   */
  'accountId'?: (string);
  /**
   * The open reservation to release.
   */
  'reservationId'?: (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey'?: (string);
}

export interface ReleaseReservationRequest__Output {
  /**
   * The account holding the reservation.
   */
  'accountId': (string);
  /**
   * The open reservation to release.
   */
  'reservationId': (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey': (string);
}
