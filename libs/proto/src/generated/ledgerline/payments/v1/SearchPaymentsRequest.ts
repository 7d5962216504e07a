// Original file: proto/ledgerline/payments/v1/payments_query.proto

import type { SearchFilter as _ledgerline_payments_v1_SearchFilter, SearchFilter__Output as _ledgerline_payments_v1_SearchFilter__Output } from '../../../ledgerline/payments/v1/SearchFilter';
import type { SearchSort as _ledgerline_payments_v1_SearchSort, SearchSort__Output as _ledgerline_payments_v1_SearchSort__Output } from '../../../ledgerline/payments/v1/SearchSort';
import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface SearchPaymentsRequest {
  /**
   * At most 20 conditions, all of which must hold.
   */
  'filters'?: (_ledgerline_payments_v1_SearchFilter)[];
  /**
   * The order of the results; ties (and an empty sort) are broken by payment id, ascending.
   */
  'sort'?: (_ledgerline_payments_v1_SearchSort)[];
  /**
   * At most this many payments; 0 means the default (50), more than 100 is served as 100.
   */
  'pageSize'?: (number);
  /**
   * The next_page_token of the previous page, with the same filters and sort; empty for the
   * first page.
   */
  'pageToken'?: (string);
  /**
   * Optional: the receipt of a command; the results then reflect every payment command up to it.
   */
  'consistencyToken'?: (_ledgerline_common_v1_CommandReceipt | null);
}

export interface SearchPaymentsRequest__Output {
  /**
   * At most 20 conditions, all of which must hold.
   */
  'filters': (_ledgerline_payments_v1_SearchFilter__Output)[];
  /**
   * The order of the results; ties (and an empty sort) are broken by payment id, ascending.
   */
  'sort': (_ledgerline_payments_v1_SearchSort__Output)[];
  /**
   * At most this many payments; 0 means the default (50), more than 100 is served as 100.
   */
  'pageSize': (number);
  /**
   * The next_page_token of the previous page, with the same filters and sort; empty for the
   * first page.
   */
  'pageToken': (string);
  /**
   * Optional: the receipt of a command; the results then reflect every payment command up to it.
   */
  'consistencyToken': (_ledgerline_common_v1_CommandReceipt__Output | null);
}
