// Original file: proto/ledgerline/accounts/v1/accounts.proto


export interface CaptureReservationRequest {
  /**
   * The account holding the reservation.
   */
  'accountId'?: (string);
  /**
   * The open reservation to capture.
   */
  'reservationId'?: (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey'?: (string);
}

export interface CaptureReservationRequest__Output {
  /**
   * The account holding the reservation.
   */
  'accountId': (string);
  /**
   * The open reservation to capture.
   */
  'reservationId': (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey': (string);
}
