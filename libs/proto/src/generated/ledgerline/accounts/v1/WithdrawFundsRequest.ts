// Original file: proto/ledgerline/accounts/v1/accounts.proto

import type { Money as _ledgerline_common_v1_Money, Money__Output as _ledgerline_common_v1_Money__Output } from '../../../ledgerline/common/v1/Money';

export interface WithdrawFundsRequest {
  /**
   * The account to debit.
   */
  'accountId'?: (string);
  /**
   * A positive amount in the account's currency, at most the available balance.
   */
  'amount'?: (_ledgerline_common_v1_Money | null);
  /**
   * Optional free text, e.g. the payout's reference (at most 200 characters).
   */
  'reference'?: (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey'?: (string);
}

export interface WithdrawFundsRequest__Output {
  /**
   * The account to debit.
   */
  'accountId': (string);
  /**
   * A positive amount in the account's currency, at most the available balance.
   */
  'amount': (_ledgerline_common_v1_Money__Output | null);
  /**
   * Optional free text, e.g. the payout's reference (at most 200 characters).
   */
  'reference': (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey': (string);
}
