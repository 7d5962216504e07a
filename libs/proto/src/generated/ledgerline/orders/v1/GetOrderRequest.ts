// Original file: proto/ledgerline/orders/v1/orders_query.proto

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface GetOrderRequest {
  /**
   * The order (UUID or ULID).
   */
  'orderId'?: (string);
  /**
   * Optional: the receipt of a command; the answer then includes it.
   */
  'consistencyToken'?: (_ledgerline_common_v1_CommandReceipt | null);
}

export interface GetOrderRequest__Output {
  /**
   * The order (UUID or ULID).
   */
  'orderId': (string);
  /**
   * Optional: the receipt of a command; the answer then includes it.
   */
  'consistencyToken': (_ledgerline_common_v1_CommandReceipt__Output | null);
}
