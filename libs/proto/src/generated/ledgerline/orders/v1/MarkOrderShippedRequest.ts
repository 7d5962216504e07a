// Original file: proto/ledgerline/orders/v1/orders.proto


export interface MarkOrderShippedRequest {
  /**
   * The confirmed order that shipped (UUID or ULID).
   */
  'orderId'?: (string);
  /**
   * Optional carrier name, at most 100 characters; empty means unknown.
   */
  'carrier'?: (string);
  /**
   * Optional tracking number, at most 100 characters; empty means unknown.
   */
  'trackingNumber'?: (string);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey'?: (string);
}

export interface MarkOrderShippedRequest__Output {
  /**
   * The confirmed order that shipped (UUID or ULID).
   */
  'orderId': (string);
  /**
   * Optional carrier name, at most 100 characters; empty means unknown.
   */
  'carrier': (string);
  /**
   * Optional tracking number, at most 100 characters; empty means unknown.
   */
  'trackingNumber': (string);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey': (string);
}
