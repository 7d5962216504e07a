// Original file: proto/ledgerline/accounts/v1/accounts.proto

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface CloseAccountResponse {
  /**
   * Where the AccountClosed event landed.
   */
  'receipt'?: (_ledgerline_common_v1_CommandReceipt | null);
}

export interface CloseAccountResponse__Output {
  /**
   * Where the AccountClosed event landed.
   */
  'receipt': (_ledgerline_common_v1_CommandReceipt__Output | null);
}
