// Original file: proto/ledgerline/accounts/v1/accounts_query.proto

import type { AccountKind as _ledgerline_accounts_v1_AccountKind, AccountKind__Output as _ledgerline_accounts_v1_AccountKind__Output } from '../../../ledgerline/accounts/v1/AccountKind';
import type { AccountStatus as _ledgerline_accounts_v1_AccountStatus, AccountStatus__Output as _ledgerline_accounts_v1_AccountStatus__Output } from '../../../ledgerline/accounts/v1/AccountStatus';
import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface ListAccountsRequest {
  /**
   * Optional: only this owner's accounts.
   */
  'ownerId'?: (string);
  /**
   * Optional: only accounts of this kind (UNSPECIFIED: every kind).
   */
  'kind'?: (_ledgerline_accounts_v1_AccountKind);
  /**
   * Optional: only accounts in this status (UNSPECIFIED: every status).
   */
  'status'?: (_ledgerline_accounts_v1_AccountStatus);
  /**
   * At most this many accounts; 0 means the default (50), more than 200 is served as 200.
   */
  'pageSize'?: (number);
  /**
   * The next_page_token of the previous page, with the same filters; empty for the first page.
   */
  'pageToken'?: (string);
  /**
   * Optional: a receipt (or combined receipts) of commands; the page then includes them.
   */
  'consistencyToken'?: (_ledgerline_common_v1_CommandReceipt | null);
}

export interface ListAccountsRequest__Output {
  /**
   * Optional: only this owner's accounts.
   */
  'ownerId': (string);
  /**
   * Optional: only accounts of this kind (UNSPECIFIED: every kind).
   */
  'kind': (_ledgerline_accounts_v1_AccountKind__Output);
  /**
   * Optional: only accounts in this status (UNSPECIFIED: every status).
   */
  'status': (_ledgerline_accounts_v1_AccountStatus__Output);
  /**
   * At most this many accounts; 0 means the default (50), more than 200 is served as 200.
   */
  'pageSize': (number);
  /**
   * The next_page_token of the previous page, with the same filters; empty for the first page.
   */
  'pageToken': (string);
  /**
   * Optional: a receipt (or combined receipts) of commands; the page then includes them.
   */
  'consistencyToken': (_ledgerline_common_v1_CommandReceipt__Output | null);
}
