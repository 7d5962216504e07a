// Original file: proto/ledgerline/payments/v1/payments_query.proto

import type { PaymentStatus as _ledgerline_payments_v1_PaymentStatus, PaymentStatus__Output as _ledgerline_payments_v1_PaymentStatus__Output } from '../../../ledgerline/payments/v1/PaymentStatus';
import type { Long } from '@grpc/proto-loader';

/**
 * One payment. Amounts are integers in the currency's minor units; times are RFC 3339 UTC
 * timestamps, e.g. "2026-01-31T12:00:00.000Z", empty until the step happened.
 */
export interface Payment {
  'paymentId'?: (string);
  'orderId'?: (string);
  /**
   * The account the money comes from.
   */
  'payerAccountId'?: (string);
  /**
   * The account the money goes to.
   */
  'payeeAccountId'?: (string);
  'amount'?: (number | string | Long);
  /**
   * ISO 4217 code.
   */
  'currency'?: (string);
  'status'?: (_ledgerline_payments_v1_PaymentStatus);
  /**
   * The payer's funds reservation, once authorized; empty before.
   */
  'reservationId'?: (string);
  /**
   * What was captured (0 until captured; refunds do not reduce it).
   */
  'capturedAmount'?: (number | string | Long);
  /**
   * All refunds so far.
   */
  'refundedAmount'?: (number | string | Long);
  /**
   * Why the payment failed; empty unless status is FAILED.
   */
  'failureReason'?: (string);
  'createdAt'?: (string);
  'authorizedAt'?: (string);
  'capturedAt'?: (string);
  'failedAt'?: (string);
  /**
   * The last refund's time.
   */
  'refundedAt'?: (string);
  'updatedAt'?: (string);
  /**
   * The version of the payment's stream this answer reflects (compare with a receipt's).
   */
  'streamVersion'?: (number | string | Long);
}

/**
 * One payment. Amounts are integers in the currency's minor units; times are RFC 3339 UTC
 * timestamps, e.g. "2026-01-31T12:00:00.000Z", empty until the step happened.
 */
export interface Payment__Output {
  'paymentId': (string);
  'orderId': (string);
  /**
   * The account the money comes from.
   */
  'payerAccountId': (string);
  /**
   * The account the money goes to.
   */
  'payeeAccountId': (string);
  'amount': (string);
  /**
   * ISO 4217 code.
   */
  'currency': (string);
  'status': (_ledgerline_payments_v1_PaymentStatus__Output);
  /**
   * The payer's funds reservation, once authorized; empty before.
   */
  'reservationId': (string);
  /**
   * What was captured (0 until captured; refunds do not reduce it).
   */
  'capturedAmount': (string);
  /**
   * All refunds so far.
   */
  'refundedAmount': (string);
  /**
   * Why the payment failed; empty unless status is FAILED.
   */
  'failureReason': (string);
  'createdAt': (string);
  'authorizedAt': (string);
  'capturedAt': (string);
  'failedAt': (string);
  /**
   * The last refund's time.
   */
  'refundedAt': (string);
  'updatedAt': (string);
  /**
   * The version of the payment's stream this answer reflects (compare with a receipt's).
   */
  'streamVersion': (string);
}
