// Original file: proto/ledgerline/orders/v1/orders_query.proto

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface ListOrdersByCustomerRequest {
  /**
   * The customer (UUID or ULID).
   */
  'customerId'?: (string);
  /**
   * At most this many orders; 0 means the default (50), more than 200 is served as 200.
   */
  'pageSize'?: (number);
  /**
   * The next_page_token of the previous page, for the same customer; empty for the first page.
   */
  'pageToken'?: (string);
  /**
   * Optional: the receipt of a command; the page then reflects every order command up to it.
   */
  'consistencyToken'?: (_ledgerline_common_v1_CommandReceipt | null);
}

export interface ListOrdersByCustomerRequest__Output {
  /**
   * The customer (UUID or ULID).
   */
  'customerId': (string);
  /**
   * At most this many orders; 0 means the default (50), more than 200 is served as 200.
   */
  'pageSize': (number);
  /**
   * The next_page_token of the previous page, for the same customer; empty for the first page.
   */
  'pageToken': (string);
  /**
   * Optional: the receipt of a command; the page then reflects every order command up to it.
   */
  'consistencyToken': (_ledgerline_common_v1_CommandReceipt__Output | null);
}
