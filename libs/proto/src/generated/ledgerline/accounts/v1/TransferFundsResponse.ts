// Original file: proto/ledgerline/accounts/v1/accounts.proto

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface TransferFundsResponse {
  /**
   * Where FundsTransferredOut landed on the source account's stream.
   */
  'sourceReceipt'?: (_ledgerline_common_v1_CommandReceipt | null);
  /**
   * Where FundsTransferredIn landed on the destination account's stream (same transaction_id).
   */
  'destinationReceipt'?: (_ledgerline_common_v1_CommandReceipt | null);
  /**
   * The id both events carry.
   */
  'transferId'?: (string);
}

export interface TransferFundsResponse__Output {
  /**
   * Where FundsTransferredOut landed on the source account's stream.
   */
  'sourceReceipt': (_ledgerline_common_v1_CommandReceipt__Output | null);
  /**
   * Where FundsTransferredIn landed on the destination account's stream (same transaction_id).
   */
  'destinationReceipt': (_ledgerline_common_v1_CommandReceipt__Output | null);
  /**
   * The id both events carry.
   */
  'transferId': (string);
}
