// Original file: proto/ledgerline/orders/v1/orders_query.proto

/**
 * How a search filter compares a field with its values.
 */
export const SearchOperator = {
  /**
   * Never valid.
   */
  SEARCH_OPERATOR_UNSPECIFIED: 'SEARCH_OPERATOR_UNSPECIFIED',
  /**
   * The field equals the one value.
   */
  SEARCH_OPERATOR_EQ: 'SEARCH_OPERATOR_EQ',
  /**
   * The field equals one of the values (1 to 100).
   */
  SEARCH_OPERATOR_IN: 'SEARCH_OPERATOR_IN',
  /**
   * The field lies in `range`.
   */
  SEARCH_OPERATOR_RANGE: 'SEARCH_OPERATOR_RANGE',
  /**
   * Full text: the field contains every word of the one value, in any order and case.
   */
  SEARCH_OPERATOR_MATCH: 'SEARCH_OPERATOR_MATCH',
} as const;

/**
 * How a search filter compares a field with its values.
 */
export type SearchOperator =
  /**
   * Never valid.
   */
  | 'SEARCH_OPERATOR_UNSPECIFIED'
  | 0
  /**
   * The field equals the one value.
   */
  | 'SEARCH_OPERATOR_EQ'
  | 1
  /**
   * The field equals one of the values (1 to 100).
   */
  | 'SEARCH_OPERATOR_IN'
  | 2
  /**
   * The field lies in `range`.
   */
  | 'SEARCH_OPERATOR_RANGE'
  | 3
  /**
   * Full text: the field contains every word of the one value, in any order and case.
   */
  | 'SEARCH_OPERATOR_MATCH'
  | 4

/**
 * How a search filter compares a field with its values.
 */
export type SearchOperator__Output = typeof SearchOperator[keyof typeof SearchOperator]
