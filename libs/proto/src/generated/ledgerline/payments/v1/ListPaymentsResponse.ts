// Original file: proto/ledgerline/payments/v1/payments_query.proto

import type { Payment as _ledgerline_payments_v1_Payment, Payment__Output as _ledgerline_payments_v1_Payment__Output } from '../../../ledgerline/payments/v1/Payment';

export interface ListPaymentsResponse {
  /**
   * Oldest first, by creation time, then payment id.
   */
  'payments'?: (_ledgerline_payments_v1_Payment)[];
  /**
   * Opaque; pass it as page_token (with the same filters) for the next page. Empty on the last
   * page.
   */
  'nextPageToken'?: (string);
}

export interface ListPaymentsResponse__Output {
  /**
   * Oldest first, by creation time, then payment id.
   */
  'payments': (_ledgerline_payments_v1_Payment__Output)[];
  /**
   * Opaque; pass it as page_token (with the same filters) for the next page. Empty on the last
   * page.
   */
  'nextPageToken': (string);
}
