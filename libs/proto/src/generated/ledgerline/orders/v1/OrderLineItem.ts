// Original file: proto/ledgerline/orders/v1/orders_query.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One line of a placed order. Prices in minor units of the order's currency.
 */
export interface OrderLineItem {
  /**
   * 1, 2, … in the order the customer gave the lines.
   */
  'lineNo'?: (number);
  'sku'?: (string);
  'description'?: (string);
  'quantity'?: (number);
  'unitPriceMinor'?: (number | string | Long);
  /**
   * quantity × unit price.
   */
  'lineTotalMinor'?: (number | string | Long);
}

/**
 * One line of a placed order. Prices in minor units of the order's currency.
 */
export interface OrderLineItem__Output {
  /**
   * 1, 2, … in the order the customer gave the lines.
   */
  'lineNo': (number);
  'sku': (string);
  'description': (string);
  'quantity': (number);
  'unitPriceMinor': (string);
  /**
   * quantity × unit price.
   */
  'lineTotalMinor': (string);
}
