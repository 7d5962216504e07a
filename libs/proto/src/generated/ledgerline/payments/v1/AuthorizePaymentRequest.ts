// Original file: proto/ledgerline/payments/v1/payments.proto


export interface AuthorizePaymentRequest {
  /**
   * The payment to authorize (UUID or ULID).
   */
  'paymentId'?: (string);
  /**
   * The reservation of the payer's funds that capture will take (UUID or ULID).
   */
  'reservationId'?: (string);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey'?: (string);
}

export interface AuthorizePaymentRequest__Output {
  /**
   * The payment to authorize (UUID or ULID).
   */
  'paymentId': (string);
  /**
   * The reservation of the payer's funds that capture will take (UUID or ULID).
   */
  'reservationId': (string);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey': (string);
}
