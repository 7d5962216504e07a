// Original file: proto/ledgerline/payments/v1/payments_query.proto

import type { SortOrder as _ledgerline_payments_v1_SortOrder, SortOrder__Output as _ledgerline_payments_v1_SortOrder__Output } from '../../../ledgerline/payments/v1/SortOrder';

export interface SearchSort {
  /**
   * A sortable field (see SearchPayments).
   */
  'field'?: (string);
  'order'?: (_ledgerline_payments_v1_SortOrder);
}

export interface SearchSort__Output {
  /**
   * A sortable field (see SearchPayments).
   */
  'field': (string);
  'order': (_ledgerline_payments_v1_SortOrder__Output);
}
