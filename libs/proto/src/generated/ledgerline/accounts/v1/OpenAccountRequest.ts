// Original file: proto/ledgerline/accounts/v1/accounts.proto

import type { AccountKind as _ledgerline_accounts_v1_AccountKind, AccountKind__Output as _ledgerline_accounts_v1_AccountKind__Output } from '../../../ledgerline/accounts/v1/AccountKind';

export interface OpenAccountRequest {
  /**
   * The new account's id (UUID or ULID), chosen by the caller.
   */
  'accountId'?: (string);
  /**
   * The owner's id (UUID or ULID).
   */
  'ownerId'?: (string);
  /**
   * Customer or merchant; UNSPECIFIED is rejected.
   */
  'kind'?: (_ledgerline_accounts_v1_AccountKind);
  /**
   * ISO 4217 code of the account's only currency, e.g. "EUR".
   */
  'currency'?: (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey'?: (string);
}

export interface OpenAccountRequest__Output {
  /**
   * The new account's id (UUID or ULID), chosen by the caller.
   */
  'accountId': (string);
  /**
   * The owner's id (UUID or ULID).
   */
  'ownerId': (string);
  /**
   * Customer or merchant; UNSPECIFIED is rejected.
   */
  'kind': (_ledgerline_accounts_v1_AccountKind__Output);
  /**
   * ISO 4217 code of the account's only currency, e.g. "EUR".
   */
  'currency': (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey': (string);
}
