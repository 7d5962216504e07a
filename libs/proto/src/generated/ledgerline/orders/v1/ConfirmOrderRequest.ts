// Original file: proto/ledgerline/orders/v1/orders.proto


export interface ConfirmOrderRequest {
  /**
   * The placed order to confirm (UUID or ULID).
   */
  'orderId'?: (string);
  /**
   * The payment that paid for it (UUID or ULID).
   */
  'paymentId'?: (string);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey'?: (string);
}

export interface ConfirmOrderRequest__Output {
  /**
   * The placed order to confirm (UUID or ULID).
   */
  'orderId': (string);
  /**
   * The payment that paid for it (UUID or ULID).
   */
  'paymentId': (string);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey': (string);
}
