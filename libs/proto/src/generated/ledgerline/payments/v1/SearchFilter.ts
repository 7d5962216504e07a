// Original file: proto/ledgerline/payments/v1/payments_query.proto

import type { SearchOperator as _ledgerline_payments_v1_SearchOperator, SearchOperator__Output as _ledgerline_payments_v1_SearchOperator__Output } from '../../../ledgerline/payments/v1/SearchOperator';
import type { SearchRange as _ledgerline_payments_v1_SearchRange, SearchRange__Output as _ledgerline_payments_v1_SearchRange__Output } from '../../../ledgerline/payments/v1/SearchRange';

/**
 * One condition of a search; a search matches payments that meet all of them.
 */
export interface SearchFilter {
  /**
   * A searchable field (see SearchPayments).
   */
  'field'?: (string);
  'op'?: (_ledgerline_payments_v1_SearchOperator);
  /**
   * EQ and MATCH: exactly one value; IN: 1 to 100 values. Numbers as decimal strings.
   */
  'values'?: (string)[];
  /**
   * RANGE only.
   */
  'range'?: (_ledgerline_payments_v1_SearchRange | null);
}

/**
 * One condition of a search; a search matches payments that meet all of them.
 */
export interface SearchFilter__Output {
  /**
   * A searchable field (see SearchPayments).
   */
  'field': (string);
  'op': (_ledgerline_payments_v1_SearchOperator__Output);
  /**
   * EQ and MATCH: exactly one value; IN: 1 to 100 values. Numbers as decimal strings.
   */
  'values': (string)[];
  /**
   * RANGE only.
   */
  'range': (_ledgerline_payments_v1_SearchRange__Output | null);
}
