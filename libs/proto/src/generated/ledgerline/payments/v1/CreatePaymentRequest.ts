// Original file: proto/ledgerline/payments/v1/payments.proto

import type { Long } from '@grpc/proto-loader';

export interface CreatePaymentRequest {
  /**
   * The new payment's id (UUID or ULID), chosen by the caller.
   */
  'paymentId'?: (string);
  /**
   * The order this payment pays for (UUID or ULID).
   */
  'orderId'?: (string);
  /**
   * The account the money comes from (UUID or ULID).
   */
  'payerAccountId'?: (string);
  /**
   * The account the money goes to (UUID or ULID); must differ from the payer's.
   */
  'payeeAccountId'?: (string);
  /**
   * The amount in minor units of `currency`: greater than zero, at most 10^13.
   */
  'amount'?: (number | string | Long);
  /**
   * ISO 4217 code of a supported currency, e.g. "EUR".
   */
  'currency'?: (string);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey'?: (string);
}

export interface CreatePaymentRequest__Output {
  /**
   * The new payment's id (UUID or ULID), chosen by the caller.
   */
  'paymentId': (string);
  /**
   * The order this payment pays for (UUID or ULID).
   */
  'orderId': (string);
  /**
   * The account the money comes from (UUID or ULID).
   */
  'payerAccountId': (string);
  /**
   * The account the money goes to (UUID or ULID); must differ from the payer's.
   */
  'payeeAccountId': (string);
  /**
   * The amount in minor units of `currency`: greater than zero, at most 10^13.
   */
  'amount': (string);
  /**
   * ISO 4217 code of a supported currency, e.g. "EUR".
   */
  'currency': (string);
  /**
   * Optional key (at most 128 characters) that makes a retry of this request safe.
   */
  'idempotencyKey': (string);
}
