// Original file: proto/ledgerline/orders/v1/orders_query.proto

import type { SearchOperator as _ledgerline_orders_v1_SearchOperator, SearchOperator__Output as _ledgerline_orders_v1_SearchOperator__Output } from '../../../ledgerline/orders/v1/SearchOperator';
import type { SearchRange as _ledgerline_orders_v1_SearchRange, SearchRange__Output as _ledgerline_orders_v1_SearchRange__Output } from '../../../ledgerline/orders/v1/SearchRange';

/**
 * One condition of a search; a search matches orders that meet all of them.
 */
export interface SearchFilter {
  /**
   * A searchable field (see SearchOrders).
   */
  'field'?: (string);
  'op'?: (_ledgerline_orders_v1_SearchOperator);
  /**
   * EQ and MATCH: exactly one value; IN: 1 to 100 values. Numbers as decimal strings.
   */
  'values'?: (string)[];
  /**
   * RANGE only.
   */
  'range'?: (_ledgerline_orders_v1_SearchRange | null);
}

/**
 * One condition of a search; a search matches orders that meet all of them.
 */
export interface SearchFilter__Output {
  /**
   * A searchable field (see SearchOrders).
   */
  'field': (string);
  'op': (_ledgerline_orders_v1_SearchOperator__Output);
  /**
   * EQ and MATCH: exactly one value; IN: 1 to 100 values. Numbers as decimal strings.
   */
  'values': (string)[];
  /**
   * RANGE only.
   */
  'range': (_ledgerline_orders_v1_SearchRange__Output | null);
}
