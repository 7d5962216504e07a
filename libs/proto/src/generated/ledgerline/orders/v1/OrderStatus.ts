// Original file: proto/ledgerline/orders/v1/orders_query.proto

/**
 * An order's lifecycle state as the view shows it.
 */
export const OrderStatus = {
  /**
   * Never answered.
   */
  ORDER_STATUS_UNSPECIFIED: 'ORDER_STATUS_UNSPECIFIED',
  /**
   * Placed, waiting for its payment.
   */
  ORDER_STATUS_PLACED: 'ORDER_STATUS_PLACED',
  /**
   * Paid.
   */
  ORDER_STATUS_CONFIRMED: 'ORDER_STATUS_CONFIRMED',
  /**
   * Handed to a carrier.
   */
  ORDER_STATUS_SHIPPED: 'ORDER_STATUS_SHIPPED',
  /**
   * Cancelled; cancel_reason says why.
   */
  ORDER_STATUS_CANCELLED: 'ORDER_STATUS_CANCELLED',
} as const;

/**
 * An order's lifecycle state as the view shows it.
 */
export type OrderStatus =
  /**
   * Never answered.
   */
  | 'ORDER_STATUS_UNSPECIFIED'
  | 0
  /**
   * Placed, waiting for its payment.
   */
  | 'ORDER_STATUS_PLACED'
  | 1
  /**
   * Paid.
   */
  | 'ORDER_STATUS_CONFIRMED'
  | 2
  /**
   * Handed to a carrier.
   */
  | 'ORDER_STATUS_SHIPPED'
  | 3
  /**
   * Cancelled; cancel_reason says why.
   */
  | 'ORDER_STATUS_CANCELLED'
  | 4

/**
 * An order's lifecycle state as the view shows it.
 */
export type OrderStatus__Output = typeof OrderStatus[keyof typeof OrderStatus]
