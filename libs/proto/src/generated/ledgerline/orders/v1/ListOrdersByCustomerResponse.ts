// Original file: proto/ledgerline/orders/v1/orders_query.proto

import type { Order as _ledgerline_orders_v1_Order, Order__Output as _ledgerline_orders_v1_Order__Output } from '../../../ledgerline/orders/v1/Order';

export interface ListOrdersByCustomerResponse {
  /**
   * Oldest first, by placing time, then order id.
   */
  'orders'?: (_ledgerline_orders_v1_Order)[];
  /**
   * Opaque; pass it as page_token (for the same customer) for the next page. Empty on the last
   * page.
   */
  'nextPageToken'?: (string);
}

export interface ListOrdersByCustomerResponse__Output {
  /**
   * Oldest first, by placing time, then order id.
   */
  'orders': (_ledgerline_orders_v1_Order__Output)[];
  /**
   * Opaque; pass it as page_token (for the same customer) for the next page. Empty on the last
   * page.
   */
  'nextPageToken': (string);
}
