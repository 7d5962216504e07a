// Original file: proto/ledgerline/orders/v1/orders_query.proto

import type { Order as _ledgerline_orders_v1_Order, Order__Output as _ledgerline_orders_v1_Order__Output } from '../../../ledgerline/orders/v1/Order';

export interface SearchOrdersResponse {
  'orders'?: (_ledgerline_orders_v1_Order)[];
  /**
   * Opaque; pass it as page_token (with the same filters and sort) for the next page. Empty on
   * the last page.
   */
  'nextPageToken'?: (string);
}

export interface SearchOrdersResponse__Output {
  'orders': (_ledgerline_orders_v1_Order__Output)[];
  /**
   * Opaque; pass it as page_token (with the same filters and sort) for the next page. Empty on
   * the last page.
   */
  'nextPageToken': (string);
}
