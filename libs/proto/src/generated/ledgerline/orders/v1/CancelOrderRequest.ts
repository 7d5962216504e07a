// Original file: proto/ledgerline/orders/v1/orders.proto


export interface CancelOrderRequest {
  /**
   * The placed or confirmed order to cancel (UUID or ULID).
   */
  'orderId'?: (string);
  /**
   * Why the order is cancelled: 1 to 500 characters.
   */
  'reason'?: (string);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey'?: (string);
}

export interface CancelOrderRequest__Output {
  /**
   * The placed or confirmed order to cancel (UUID or ULID).
   */
  'orderId': (string);
  /**
   * Why the order is cancelled: 1 to 500 characters.
   */
  'reason': (string);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey': (string);
}
