// Original file: proto/ledgerline/payments/v1/payments_query.proto

/**
 * A payment's lifecycle state as the view shows it.
 */
export const PaymentStatus = {
  /**
   * Never answered.
   */
  PAYMENT_STATUS_UNSPECIFIED: 'PAYMENT_STATUS_UNSPECIFIED',
  /**
   * Recorded, funds not yet reserved.
   */
  PAYMENT_STATUS_CREATED: 'PAYMENT_STATUS_CREATED',
  /**
   * The payer's funds are reserved.
   */
  PAYMENT_STATUS_AUTHORIZED: 'PAYMENT_STATUS_AUTHORIZED',
  /**
   * The amount was taken.
   */
  PAYMENT_STATUS_CAPTURED: 'PAYMENT_STATUS_CAPTURED',
  /**
   * Part of the captured amount was refunded.
   */
  PAYMENT_STATUS_PARTIALLY_REFUNDED: 'PAYMENT_STATUS_PARTIALLY_REFUNDED',
  /**
   * All of the captured amount was refunded.
   */
  PAYMENT_STATUS_REFUNDED: 'PAYMENT_STATUS_REFUNDED',
  /**
   * Failed before capture; failure_reason says why.
   */
  PAYMENT_STATUS_FAILED: 'PAYMENT_STATUS_FAILED',
} as const;

/**
 * A payment's lifecycle state as the view shows it.
 */
export type PaymentStatus =
  /**
   * Never answered.
   */
  | 'PAYMENT_STATUS_UNSPECIFIED'
  | 0
  /**
   * Recorded, funds not yet reserved.
   */
  | 'PAYMENT_STATUS_CREATED'
  | 1
  /**
   * The payer's funds are reserved.
   */
  | 'PAYMENT_STATUS_AUTHORIZED'
  | 2
  /**
   * The amount was taken.
   */
  | 'PAYMENT_STATUS_CAPTURED'
  | 3
  /**
   * Part of the captured amount was refunded.
   */
  | 'PAYMENT_STATUS_PARTIALLY_REFUNDED'
  | 4
  /**
   * All of the captured amount was refunded.
   */
  | 'PAYMENT_STATUS_REFUNDED'
  | 5
  /**
   * Failed before capture; failure_reason says why.
   */
  | 'PAYMENT_STATUS_FAILED'
  | 6

/**
 * A payment's lifecycle state as the view shows it.
 */
export type PaymentStatus__Output = typeof PaymentStatus[keyof typeof PaymentStatus]
