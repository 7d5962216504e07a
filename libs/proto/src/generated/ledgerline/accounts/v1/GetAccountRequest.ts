// Original file: proto/ledgerline/accounts/v1/accounts_query.proto

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface GetAccountRequest {
  /**
   * The account (UUID or ULID).
   */
  'accountId'?: (string);
  /**
   * Optional: the receipt of a command; the answer then includes it.
   */
  'consistencyToken'?: (_ledgerline_common_v1_CommandReceipt | null);
}

export interface GetAccountRequest__Output {
  /**
   * The account (UUID or ULID).
   */
  'accountId': (string);
  /**
   * Optional: the receipt of a command; the answer then includes it.
   */
  'consistencyToken': (_ledgerline_common_v1_CommandReceipt__Output | null);
}
