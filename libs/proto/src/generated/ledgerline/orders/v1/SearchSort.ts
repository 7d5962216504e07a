// Original file: proto/ledgerline/orders/v1/orders_query.proto

import type { SortOrder as _ledgerline_orders_v1_SortOrder, SortOrder__Output as _ledgerline_orders_v1_SortOrder__Output } from '../../../ledgerline/orders/v1/SortOrder';

export interface SearchSort {
  /**
   * A sortable field (see SearchOrders).
   */
  'field'?: (string);
  'order'?: (_ledgerline_orders_v1_SortOrder);
}

export interface SearchSort__Output {
  /**
   * A sortable field (see SearchOrders).
   */
  'field': (string);
  'order': (_ledgerline_orders_v1_SortOrder__Output);
}
