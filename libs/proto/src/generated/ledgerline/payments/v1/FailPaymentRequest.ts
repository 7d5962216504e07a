// Original file: proto/ledgerline/payments/v1/payments.proto


export interface FailPaymentRequest {
  /**
   * The created or authorized payment to fail (UUID or ULID).
   */
  'paymentId'?: (string);
  /**
   * Why the payment failed, e.g. "insufficient funds": 1 to 500 characters.
   */
  'reason'?: (string);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey'?: (string);
}

export interface FailPaymentRequest__Output {
  /**
   * The created or authorized payment to fail (UUID or ULID).
   */
  'paymentId': (string);
  /**
   * Why the payment failed, e.g. "insufficient funds": 1 to 500 characters.
   */
  'reason': (string);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey': (string);
}
