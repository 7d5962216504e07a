// Original file: proto/ledgerline/orders/v1/orders_query.proto

import type { OrderStatus as _ledgerline_orders_v1_OrderStatus, OrderStatus__Output as _ledgerline_orders_v1_OrderStatus__Output } from '../../../ledgerline/orders/v1/OrderStatus';
import type { OrderLineItem as _ledgerline_orders_v1_OrderLineItem, OrderLineItem__Output as _ledgerline_orders_v1_OrderLineItem__Output } from '../../../ledgerline/orders/v1/OrderLineItem';
import type { Long } from '@grpc/proto-loader';

/**
 * One order. Amounts are integers in the currency's minor units; times are RFC 3339 UTC
 * timestamps, e.g. "2026-01-31T12:00:00.000Z", empty until the step happened.
 */
export interface Order {
  'orderId'?: (string);
  'customerId'?: (string);
  'merchantId'?: (string);
  /**
   * The customer's account that pays.
   */
  'customerAccountId'?: (string);
  /**
   * The merchant's account that is paid.
   */
  'merchantAccountId'?: (string);
  /**
   * ISO 4217 code.
   */
  'currency'?: (string);
  'totalMinor'?: (number | string | Long);
  'status'?: (_ledgerline_orders_v1_OrderStatus);
  /**
   * The payment of a confirmed, shipped or (after confirmation) cancelled order; empty before.
   */
  'paymentId'?: (string);
  /**
   * Why the order was cancelled; empty unless status is CANCELLED.
   */
  'cancelReason'?: (string);
  /**
   * Once shipped; empty when unknown.
   */
  'carrier'?: (string);
  'trackingNumber'?: (string);
  'placedAt'?: (string);
  'confirmedAt'?: (string);
  'cancelledAt'?: (string);
  'shippedAt'?: (string);
  'updatedAt'?: (string);
  /**
   * The version of the order's stream this answer reflects (compare with a receipt's).
   */
  'streamVersion'?: (number | string | Long);
  /**
   * In the order the customer gave them.
   */
  'lines'?: (_ledgerline_orders_v1_OrderLineItem)[];
}

/**
 * One order. Amounts are integers in the currency's minor units; times are RFC 3339 UTC
 * timestamps, e.g. "2026-01-31T12:00:00.000Z", empty until the step happened.
 */
export interface Order__Output {
  'orderId': (string);
  'customerId': (string);
  'merchantId': (string);
  /**
   * The customer's account that pays.
   */
  'customerAccountId': (string);
  /**
   * The merchant's account that is paid.
   */
  'merchantAccountId': (string);
  /**
   * ISO 4217 code.
   */
  'currency': (string);
  'totalMinor': (string);
  'status': (_ledgerline_orders_v1_OrderStatus__Output);
  /**
   * The payment of a confirmed, shipped or (after confirmation) cancelled order; empty before.
   */
  'paymentId': (string);
  /**
   * Why the order was cancelled; empty unless status is CANCELLED.
   */
  'cancelReason': (string);
  /**
   * Once shipped; empty when unknown.
   */
  'carrier': (string);
  'trackingNumber': (string);
  'placedAt': (string);
  'confirmedAt': (string);
  'cancelledAt': (string);
  'shippedAt': (string);
  'updatedAt': (string);
  /**
   * The version of the order's stream this answer reflects (compare with a receipt's).
   */
  'streamVersion': (string);
  /**
   * In the order the customer gave them.
   */
  'lines': (_ledgerline_orders_v1_OrderLineItem__Output)[];
}
