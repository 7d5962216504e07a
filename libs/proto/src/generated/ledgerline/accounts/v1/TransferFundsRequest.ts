// Original file: proto/ledgerline/accounts/v1/accounts.proto

import type { Money as _ledgerline_common_v1_Money, Money__Output as _ledgerline_common_v1_Money__Output } from '../../../ledgerline/common/v1/Money';

export interface TransferFundsRequest {
  /**
   * The account the money leaves; the caller must own it.
   */
  'fromAccountId'?: (string);
  /**
   * The account the money reaches; must differ from from_account_id.
   */
  'toAccountId'?: (string);
  /**
   * A positive amount in both accounts' currency, at most the source's available balance.
   */
  'amount'?: (_ledgerline_common_v1_Money | null);
  /**
   * Optional free text, e.g. "rent March" (at most 200 characters).
   */
  'reference'?: (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters). One key covers both
   * accounts: a retry returns the original receipts.
   */
  'idempotencyKey'?: (string);
}

export interface TransferFundsRequest__Output {
  /**
   * The account the money leaves; the caller must own it.
   */
  'fromAccountId': (string);
  /**
   * The account the money reaches; must differ from from_account_id.
   */
  'toAccountId': (string);
  /**
   * A positive amount in both accounts' currency, at most the source's available balance.
   */
  'amount': (_ledgerline_common_v1_Money__Output | null);
  /**
   * Optional free text, e.g. "rent March" (at most 200 characters).
   */
  'reference': (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters). One key covers both
   * accounts: a retry returns the original receipts.
   */
  'idempotencyKey': (string);
}
