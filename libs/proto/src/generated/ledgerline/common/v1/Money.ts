// Original file: proto/ledgerline/common/v1/common.proto

import type { Long } from '@grpc/proto-loader';

/**
 * An amount of money: an integer count of the currency's minor units (cents, pence…), never a
 * float. Transported as a decimal string in JSON/TypeScript so no precision is lost.
 */
export interface Money {
  'amountMinor'?: (number | string | Long);
  /**
   * ISO 4217 code, e.g. "EUR".
   */
  'currency'?: (string);
}

/**
 * An amount of money: an integer count of the currency's minor units (cents, pence…), never a
 * float. Transported as a decimal string in JSON/TypeScript so no precision is lost.
 */
export interface Money__Output {
  'amountMinor': (string);
  /**
   * ISO 4217 code, e.g. "EUR".
   */
  'currency': (string);
}
