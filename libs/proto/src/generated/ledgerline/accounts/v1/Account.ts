// Original file: proto/ledgerline/accounts/v1/accounts_query.proto

import type { AccountKind as _ledgerline_accounts_v1_AccountKind, AccountKind__Output as _ledgerline_accounts_v1_AccountKind__Output } from '../../../ledgerline/accounts/v1/AccountKind';
import type { AccountStatus as _ledgerline_accounts_v1_AccountStatus, AccountStatus__Output as _ledgerline_accounts_v1_AccountStatus__Output } from '../../../ledgerline/accounts/v1/AccountStatus';
import type { Long } from '@grpc/proto-loader';

/**
 * One account as the directory shows it. Amounts are integers in the currency's minor units.
 */
export interface Account {
  'accountId'?: (string);
  /**
   * The owner (a token subject).
   */
  'ownerId'?: (string);
  'kind'?: (_ledgerline_accounts_v1_AccountKind);
  /**
   * ISO 4217 code of the account's only currency.
   */
  'currency'?: (string);
  'status'?: (_ledgerline_accounts_v1_AccountStatus);
  /**
   * Why the account is frozen; empty unless status is FROZEN.
   */
  'frozenReason'?: (string);
  /**
   * Money on the account, reserved funds included.
   */
  'balanceMinor'?: (number | string | Long);
  /**
   * Money held for payments in flight.
   */
  'reservedMinor'?: (number | string | Long);
  /**
   * balance − reserved.
   */
  'availableMinor'?: (number | string | Long);
  /**
   * RFC 3339 UTC timestamps.
   */
  'openedAt'?: (string);
  'updatedAt'?: (string);
  /**
   * The version of the account's stream this answer reflects (compare with a receipt's).
   */
  'streamVersion'?: (number | string | Long);
}

/**
 * One account as the directory shows it. Amounts are integers in the currency's minor units.
 */
export interface Account__Output {
  'accountId': (string);
  /**
   * The owner (a token subject).
   */
  'ownerId': (string);
  'kind': (_ledgerline_accounts_v1_AccountKind__Output);
  /**
   * ISO 4217 code of the account's only currency.
   */
  'currency': (string);
  'status': (_ledgerline_accounts_v1_AccountStatus__Output);
  /**
   * Why the account is frozen; empty unless status is FROZEN.
   */
  'frozenReason': (string);
  /**
   * Money on the account, reserved funds included.
   */
  'balanceMinor': (string);
  /**
   * Money held for payments in flight.
   */
  'reservedMinor': (string);
  /**
   * balance − reserved.
   */
  'availableMinor': (string);
  /**
   * RFC 3339 UTC timestamps.
   */
  'openedAt': (string);
  'updatedAt': (string);
  /**
   * The version of the account's stream this answer reflects (compare with a receipt's).
   */
  'streamVersion': (string);
}
