// Original file: proto/ledgerline/orders/v1/orders.proto

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface MarkOrderShippedResponse {
  /**
   * Where the OrderShipped event landed.
   */
  'receipt'?: (_ledgerline_common_v1_CommandReceipt | null);
}

export interface MarkOrderShippedResponse__Output {
  /**
   * Where the OrderShipped event landed.
   */
  'receipt': (_ledgerline_common_v1_CommandReceipt__Output | null);
}
