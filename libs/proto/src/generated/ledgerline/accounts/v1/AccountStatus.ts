// Original file: proto/ledgerline/accounts/v1/accounts_query.proto

/**
 * An account's lifecycle state as the view shows it.
 */
export const AccountStatus = {
  /**
   * Never answered.
   */
  ACCOUNT_STATUS_UNSPECIFIED: 'ACCOUNT_STATUS_UNSPECIFIED',
  /**
   * Money moves freely.
   */
  ACCOUNT_STATUS_OPEN: 'ACCOUNT_STATUS_OPEN',
  /**
   * Money in and settling reservations only.
   */
  ACCOUNT_STATUS_FROZEN: 'ACCOUNT_STATUS_FROZEN',
  /**
   * Closed for good.
   */
  ACCOUNT_STATUS_CLOSED: 'ACCOUNT_STATUS_CLOSED',
} as const;

/**
 * An account's lifecycle state as the view shows it.
 */
export type AccountStatus =
  /**
   * Never answered.
   */
  | 'ACCOUNT_STATUS_UNSPECIFIED'
  | 0
  /**
   * Money moves freely.
   */
  | 'ACCOUNT_STATUS_OPEN'
  | 1
  /**
   * Money in and settling reservations only.
   */
  | 'ACCOUNT_STATUS_FROZEN'
  | 2
  /**
   * Closed for good.
   */
  | 'ACCOUNT_STATUS_CLOSED'
  | 3

/**
 * An account's lifecycle state as the view shows it.
 */
export type AccountStatus__Output = typeof AccountStatus[keyof typeof AccountStatus]
