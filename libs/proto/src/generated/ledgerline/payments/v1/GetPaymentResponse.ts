// Original file: proto/ledgerline/payments/v1/payments_query.proto

import type { Payment as _ledgerline_payments_v1_Payment, Payment__Output as _ledgerline_payments_v1_Payment__Output } from '../../../ledgerline/payments/v1/Payment';

export interface GetPaymentResponse {
  'payment'?: (_ledgerline_payments_v1_Payment | null);
}

export interface GetPaymentResponse__Output {
  'payment': (_ledgerline_payments_v1_Payment__Output | null);
}
