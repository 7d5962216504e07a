// Original file: proto/ledgerline/payments/v1/payments.proto

import type { Long } from '@grpc/proto-loader';

export interface RefundPaymentRequest {
  /**
   * The captured payment to refund (UUID or ULID).
   */
  'paymentId'?: (string);
  /**
   * This refund's id (UUID or ULID), chosen by the caller and used once per payment.
   */
  'refundId'?: (string);
  /**
   * The amount to refund in minor units of the payment's currency: greater than zero and at
   * most what is left after earlier refunds.
   */
  'amount'?: (number | string | Long);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey'?: (string);
}

export interface RefundPaymentRequest__Output {
  /**
   * The captured payment to refund (UUID or ULID).
   */
  'paymentId': (string);
  /**
   * This refund's id (UUID or ULID), chosen by the caller and used once per payment.
   */
  'refundId': (string);
  /**
   * The amount to refund in minor units of the payment's currency: greater than zero and at
   * most what is left after earlier refunds.
   */
  'amount': (string);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey': (string);
}
