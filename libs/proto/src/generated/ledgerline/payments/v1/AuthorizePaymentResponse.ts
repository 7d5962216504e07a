// Original file: proto/ledgerline/payments/v1/payments.proto

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface AuthorizePaymentResponse {
  /**
   * Where the PaymentAuthorized event landed.
   */
  'receipt'?: (_ledgerline_common_v1_CommandReceipt | null);
}

export interface AuthorizePaymentResponse__Output {
  /**
   * Where the PaymentAuthorized event landed.
   */
  'receipt': (_ledgerline_common_v1_CommandReceipt__Output | null);
}
