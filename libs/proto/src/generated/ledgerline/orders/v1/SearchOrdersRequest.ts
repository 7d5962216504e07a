// Original file: proto/ledgerline/orders/v1/orders_query.proto

import type { SearchFilter as _ledgerline_orders_v1_SearchFilter, SearchFilter__Output as _ledgerline_orders_v1_SearchFilter__Output } from '../../../ledgerline/orders/v1/SearchFilter';
import type { SearchSort as _ledgerline_orders_v1_SearchSort, SearchSort__Output as _ledgerline_orders_v1_SearchSort__Output } from '../../../ledgerline/orders/v1/SearchSort';
import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface SearchOrdersRequest {
  /**
   * At most 20 conditions, all of which must hold.
   */
  'filters'?: (_ledgerline_orders_v1_SearchFilter)[];
  /**
   * The order of the results; ties (and an empty sort) are broken by order id, ascending.
   */
  'sort'?: (_ledgerline_orders_v1_SearchSort)[];
  /**
   * At most this many orders; 0 means the default (50), more than 100 is served as 100.
   */
  'pageSize'?: (number);
  /**
   * The next_page_token of the previous page, with the same filters and sort; empty for the
   * first page.
   */
  'pageToken'?: (string);
  /**
   * Optional: the receipt of a command; the results then reflect every order command up to it.
   */
  'consistencyToken'?: (_ledgerline_common_v1_CommandReceipt | null);
}

export interface SearchOrdersRequest__Output {
  /**
   * At most 20 conditions, all of which must hold.
   */
  'filters': (_ledgerline_orders_v1_SearchFilter__Output)[];
  /**
   * The order of the results; ties (and an empty sort) are broken by order id, ascending.
   */
  'sort': (_ledgerline_orders_v1_SearchSort__Output)[];
  /**
   * At most this many orders; 0 means the default (50), more than 100 is served as 100.
   */
  'pageSize': (number);
  /**
   * The next_page_token of the previous page, with the same filters and sort; empty for the
   * first page.
   */
  'pageToken': (string);
  /**
   * Optional: the receipt of a command; the results then reflect every order command up to it.
   */
  'consistencyToken': (_ledgerline_common_v1_CommandReceipt__Output | null);
}
