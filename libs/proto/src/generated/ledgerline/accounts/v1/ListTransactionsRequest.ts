// Original file: proto/ledgerline/accounts/v1/accounts_query.proto

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface ListTransactionsRequest {
  /**
   * The account (UUID or ULID).
   */
  'accountId'?: (string);
  /**
   * At most this many transactions; 0 means the default (50), more than 200 is served as 200.
   */
  'pageSize'?: (number);
  /**
   * The next_page_token of the previous page, for the same account; empty for the newest page.
   */
  'pageToken'?: (string);
  /**
   * Optional: the receipt of a command on this account; the page then includes it.
   */
  'consistencyToken'?: (_ledgerline_common_v1_CommandReceipt | null);
}

export interface ListTransactionsRequest__Output {
  /**
   * The account (UUID or ULID).
   */
  'accountId': (string);
  /**
   * At most this many transactions; 0 means the default (50), more than 200 is served as 200.
   */
  'pageSize': (number);
  /**
   * The next_page_token of the previous page, for the same account; empty for the newest page.
   */
  'pageToken': (string);
  /**
   * Optional: the receipt of a command on this account; the page then includes it.
   */
  'consistencyToken': (_ledgerline_common_v1_CommandReceipt__Output | null);
}
