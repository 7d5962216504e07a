// Original file: proto/ledgerline/orders/v1/orders.proto

import type { OrderLine as _ledgerline_orders_v1_OrderLine, OrderLine__Output as _ledgerline_orders_v1_OrderLine__Output } from '../../../ledgerline/orders/v1/OrderLine';

export interface PlaceOrderRequest {
  /**
   * The new order's id (UUID or ULID), chosen by the caller.
   */
  'orderId'?: (string);
  /**
   * The customer placing the order (UUID or ULID).
   */
  'customerId'?: (string);
  /**
   * The merchant selling (UUID or ULID).
   */
  'merchantId'?: (string);
  /**
   * The customer's account that pays (UUID or ULID).
   */
  'customerAccountId'?: (string);
  /**
   * The merchant's account that is paid (UUID or ULID); must differ from the customer's.
   */
  'merchantAccountId'?: (string);
  /**
   * ISO 4217 code of a supported currency, e.g. "EUR"; every price is in it.
   */
  'currency'?: (string);
  /**
   * What is ordered: 1 to 100 lines.
   */
  'lines'?: (_ledgerline_orders_v1_OrderLine)[];
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey'?: (string);
}

export interface PlaceOrderRequest__Output {
  /**
   * The new order's id (UUID or ULID), chosen by the caller.
   */
  'orderId': (string);
  /**
   * The customer placing the order (UUID or ULID).
   */
  'customerId': (string);
  /**
   * The merchant selling (UUID or ULID).
   */
  'merchantId': (string);
  /**
   * The customer's account that pays (UUID or ULID).
   */
  'customerAccountId': (string);
  /**
   * The merchant's account that is paid (UUID or ULID); must differ from the customer's.
   */
  'merchantAccountId': (string);
  /**
   * ISO 4217 code of a supported currency, e.g. "EUR"; every price is in it.
   */
  'currency': (string);
  /**
   * What is ordered: 1 to 100 lines.
   */
  'lines': (_ledgerline_orders_v1_OrderLine__Output)[];
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey': (string);
}
