// Original file: proto/ledgerline/accounts/v1/accounts.proto

import type { Money as _ledgerline_common_v1_Money, Money__Output as _ledgerline_common_v1_Money__Output } from '../../../ledgerline/common/v1/Money';

export interface DepositFundsRequest {
  /**
   * The account to credit.
   */
  'accountId'?: (string);
  /**
   * A positive amount in the account's currency.
   */
  'amount'?: (_ledgerline_common_v1_Money | null);
  /**
   * Optional free text, e.g. the payment provider's reference (at most 200 characters).
   */
  'reference'?: (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey'?: (string);
}

export interface DepositFundsRequest__Output {
  /**
   * The account to credit.
   */
  'accountId': (string);
  /**
   * A positive amount in the account's currency.
   */
  'amount': (_ledgerline_common_v1_Money__Output | null);
  /**
   * Optional free text, e.g. the payment provider's reference (at most 200 characters).
   */
  'reference': (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey': (string);
}
