// Original file: proto/ledgerline/accounts/v1/accounts.proto

/**
 * Who an account belongs to, which decides the flows it takes part in.
 */
export const AccountKind = {
  /**
   * Not set: always rejected.
   */
  ACCOUNT_KIND_UNSPECIFIED: 'ACCOUNT_KIND_UNSPECIFIED',
  /**
   * A paying customer's wallet.
   */
  ACCOUNT_KIND_CUSTOMER: 'ACCOUNT_KIND_CUSTOMER',
  /**
   * A merchant's settlement account.
   */
  ACCOUNT_KIND_MERCHANT: 'ACCOUNT_KIND_MERCHANT',
} as const;

/**
 * Who an account belongs to, which decides the flows it takes part in.
 */
export type AccountKind =
  /**
   * Not set: always rejected.
   */
  | 'ACCOUNT_KIND_UNSPECIFIED'
  | 0
  /**
   * A paying customer's wallet.
   */
  | 'ACCOUNT_KIND_CUSTOMER'
  | 1
  /**
   * A merchant's settlement account.
   */
  | 'ACCOUNT_KIND_MERCHANT'
  | 2

/**
 * Who an account belongs to, which decides the flows it takes part in.
 */
export type AccountKind__Output = typeof AccountKind[keyof typeof AccountKind]
