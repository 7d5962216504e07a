// Original file: proto/ledgerline/orders/v1/orders.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One line of an order. Its total (quantity × unit price) is computed by the service.
 */
export interface OrderLine {
  /**
   * The merchant's stock keeping unit: 1 to 64 characters.
   */
  'sku'?: (string);
  /**
   * What is ordered, as shown to the customer: 1 to 500 characters.
   */
  'description'?: (string);
  /**
   * How many: 1 to 10 000.
   */
  'quantity'?: (number);
  /**
   * Price of one unit in minor units of the order's currency: greater than zero.
   */
  'unitPriceMinor'?: (number | string | Long);
}

/**
 * One line of an order. Its total (quantity × unit price) is computed by the service.
 */
export interface OrderLine__Output {
  /**
   * The merchant's stock keeping unit: 1 to 64 characters.
   */
  'sku': (string);
  /**
   * What is ordered, as shown to the customer: 1 to 500 characters.
   */
  'description': (string);
  /**
   * How many: 1 to 10 000.
   */
  'quantity': (number);
  /**
   * Price of one unit in minor units of the order's currency: greater than zero.
   */
  'unitPriceMinor': (string);
}
