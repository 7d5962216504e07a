// Original file: proto/ledgerline/orders/v1/orders.proto

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface PlaceOrderResponse {
  /**
   * Where the OrderPlaced event landed.
   */
  'receipt'?: (_ledgerline_common_v1_CommandReceipt | null);
}

export interface PlaceOrderResponse__Output {
  /**
   * Where the OrderPlaced event landed.
   */
  'receipt': (_ledgerline_common_v1_CommandReceipt__Output | null);
}
