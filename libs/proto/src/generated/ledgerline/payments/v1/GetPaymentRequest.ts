// Original file: proto/ledgerline/payments/v1/payments_query.proto

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface GetPaymentRequest {
  /**
   * The payment (UUID or ULID).
   */
  'paymentId'?: (string);
  /**
   * Optional: the receipt of a command; the answer then includes it.
   */
  'consistencyToken'?: (_ledgerline_common_v1_CommandReceipt | null);
}

export interface GetPaymentRequest__Output {
  /**
   * The payment (UUID or ULID).
   */
  'paymentId': (string);
  /**
   * Optional: the receipt of a command; the answer then includes it.
   */
  'consistencyToken': (_ledgerline_common_v1_CommandReceipt__Output | null);
}
