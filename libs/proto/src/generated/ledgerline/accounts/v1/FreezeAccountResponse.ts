// Original file: proto/ledgerline/accounts/v1/accounts.proto

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface FreezeAccountResponse {
  /**
   * Where the AccountFrozen event landed.
   */
  'receipt'?: (_ledgerline_common_v1_CommandReceipt | null);
}

export interface FreezeAccountResponse__Output {
  /**
   * Where the AccountFrozen event landed.
   */
  'receipt': (_ledgerline_common_v1_CommandReceipt__Output | null);
}
