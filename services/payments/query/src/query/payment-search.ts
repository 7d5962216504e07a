import { type SearchField, type SearchFields } from '@ledgerline/query-service';
import { type SearchSpec } from '@ledgerline/query-service';

const exact: SearchField = { type: 'keyword', ops: ['eq', 'in'], sortable: true };
const amount: SearchField = { type: 'long', ops: ['eq', 'range'], sortable: true };
const time: SearchField = { type: 'date', ops: ['range'], sortable: true };

/**
 * What SearchPayments may filter and sort on: the `payments` index fields by their mapped names
 * (docs/analytics/README.md), each with the operators its type supports. Anything else is refused.
 */
export const PAYMENT_SEARCH_FIELDS: SearchFields = {
  paymentId: exact,
  orderId: exact,
  payerAccountId: exact,
  payeeAccountId: exact,
  ownerId: exact,
  currency: exact,
  status: exact,
  reservationId: exact,
  failureReason: { type: 'keyword', ops: ['eq', 'in'] },
  failureReasonText: { type: 'text', ops: ['match'], path: 'failureReason.text' },
  amount,
  capturedAmount: amount,
  refundedAmount: amount,
  createdAt: time,
  authorizedAt: time,
  capturedAt: time,
  failedAt: time,
  refundedAt: time,
  updatedAt: time,
};

export const PAYMENT_SEARCH: SearchSpec = {
  view: 'payments.search',
  fields: PAYMENT_SEARCH_FIELDS,
  tiebreaker: 'paymentId',
  limits: { default: 50, max: 100 },
  // Without analytics:read, a search only ever matches the payments created for the caller.
  ownerField: 'ownerId',
};
