import { type SearchField, type SearchFields } from '@ledgerline/query-service';
import { type SearchSpec } from '@ledgerline/query-service';

const exact: SearchField = { type: 'keyword', ops: ['eq', 'in'], sortable: true };
const count: SearchField = { type: 'long', ops: ['eq', 'range'], sortable: true };
const time: SearchField = { type: 'date', ops: ['range'], sortable: true };

/**
 * What SearchOrders may filter and sort on: the `orders` index fields by their mapped names
 * (docs/analytics/README.md), the line fields under names of their own. Anything else is refused.
 */
export const ORDER_SEARCH_FIELDS: SearchFields = {
  orderId: exact,
  customerId: exact,
  merchantId: exact,
  customerAccountId: exact,
  merchantAccountId: exact,
  paymentId: exact,
  placedBy: exact,
  currency: exact,
  status: exact,
  carrier: exact,
  trackingNumber: exact,
  lineSku: { type: 'keyword', ops: ['eq', 'in'], path: 'lines.sku' },
  lineDescription: { type: 'text', ops: ['match'], path: 'lines.description' },
  cancelReasonText: { type: 'text', ops: ['match'], path: 'cancelReason.text' },
  totalMinor: count,
  lineCount: count,
  placedAt: time,
  confirmedAt: time,
  cancelledAt: time,
  shippedAt: time,
  updatedAt: time,
};

export const ORDER_SEARCH: SearchSpec = {
  view: 'orders.search',
  fields: ORDER_SEARCH_FIELDS,
  tiebreaker: 'orderId',
  limits: { default: 50, max: 100 },
  // Without analytics:read, a search only ever matches the orders the caller placed.
  ownerField: 'placedBy',
};
