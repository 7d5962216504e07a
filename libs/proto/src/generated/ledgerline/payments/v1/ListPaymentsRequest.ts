// Original file: proto/ledgerline/payments/v1/payments_query.proto

import type { PaymentStatus as _ledgerline_payments_v1_PaymentStatus, PaymentStatus__Output as _ledgerline_payments_v1_PaymentStatus__Output } from '../../../ledgerline/payments/v1/PaymentStatus';
import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from '../../../ledgerline/common/v1/CommandReceipt';

export interface ListPaymentsRequest {
  /**
   * Only payments from this account (UUID or ULID); any when empty.
   */
  'payerAccountId'?: (string);
  /**
   * Only payments to this account (UUID or ULID); any when empty.
   */
  'payeeAccountId'?: (string);
  /**
   * Only payments in this state; any when UNSPECIFIED.
   */
  'status'?: (_ledgerline_payments_v1_PaymentStatus);
  /**
   * Only payments created at or after this RFC 3339 time; no lower bound when empty.
   */
  'createdAfter'?: (string);
  /**
   * Only payments created before this RFC 3339 time; no upper bound when empty.
   */
  'createdBefore'?: (string);
  /**
   * At most this many payments; 0 means the default (50), more than 200 is served as 200.
   */
  'pageSize'?: (number);
  /**
   * The next_page_token of the previous page, with the same filters; empty for the first page.
   */
  'pageToken'?: (string);
  /**
   * Optional: the receipt of a command; the page then reflects every payment command up to it.
   */
  'consistencyToken'?: (_ledgerline_common_v1_CommandReceipt | null);
}

export interface ListPaymentsRequest__Output {
  /**
   * Only payments from this account (UUID or ULID); any when empty.
   */
  'payerAccountId': (string);
  /**
   * Only payments to this account (UUID or ULID); any when empty.
   */
  'payeeAccountId': (string);
  /**
   * Only payments in this state; any when UNSPECIFIED.
   */
  'status': (_ledgerline_payments_v1_PaymentStatus__Output);
  /**
   * Only payments created at or after this RFC 3339 time; no lower bound when empty.
   */
  'createdAfter': (string);
  /**
   * Only payments created before this RFC 3339 time; no upper bound when empty.
   */
  'createdBefore': (string);
  /**
   * At most this many payments; 0 means the default (50), more than 200 is served as 200.
   */
  'pageSize': (number);
  /**
   * The next_page_token of the previous page, with the same filters; empty for the first page.
   */
  'pageToken': (string);
  /**
   * Optional: the receipt of a command; the page then reflects every payment command up to it.
   */
  'consistencyToken': (_ledgerline_common_v1_CommandReceipt__Output | null);
}
