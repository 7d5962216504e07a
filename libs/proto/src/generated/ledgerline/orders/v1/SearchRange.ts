// Original file: proto/ledgerline/orders/v1/orders_query.proto


/**
 * Bounds of a RANGE filter: any of them, empty when absent. Numbers as decimal strings, times
 * as RFC 3339.
 */
export interface SearchRange {
  'gt'?: (string);
  'gte'?: (string);
  'lt'?: (string);
  'lte'?: (string);
}

/**
 * Bounds of a RANGE filter: any of them, empty when absent. Numbers as decimal strings, times
 * as RFC 3339.
 */
export interface SearchRange__Output {
  'gt': (string);
  'gte': (string);
  'lt': (string);
  'lte': (string);
}
