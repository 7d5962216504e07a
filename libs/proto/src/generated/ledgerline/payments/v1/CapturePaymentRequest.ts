// Original file: proto/ledgerline/payments/v1/payments.proto


export interface CapturePaymentRequest {
  /**
   * The authorized payment to capture (UUID or ULID).
   */
  'paymentId'?: (string);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey'?: (string);
}

export interface CapturePaymentRequest__Output {
  /**
   * The authorized payment to capture (UUID or ULID).
   */
  'paymentId': (string);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey': (string);
}
