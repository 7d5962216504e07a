// Original file: proto/ledgerline/accounts/v1/accounts.proto

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface ReleaseReservationResponse {
  /**
   * Where the ReservationReleased event landed.
   */
  'receipt'?: (_ledgerline_common_v1_CommandReceipt | null);
}

export interface ReleaseReservationResponse__Output {
  /**
   * Where the ReservationReleased event landed.
   */
  'receipt': (_ledgerline_common_v1_CommandReceipt__Output | null);
}
