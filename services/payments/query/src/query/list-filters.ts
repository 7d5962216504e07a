import { InvalidInput, parseId } from '@ledgerline/domain';
import { type ListPaymentsQuery } from '@ledgerline/payments-views';
import { type paymentsV1 } from '@ledgerline/proto';
import { isIsoDate } from '@ledgerline/query-service';
import { statusFilter } from './payment-message';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

/** An optional RFC 3339 time, normalised to ISO-8601 UTC (so equal filters hash alike). */
const time = (field: string, value: string): string | undefined => {
  if (value === '') return undefined;
  // isIsoDate also refuses days that do not exist, which Date.parse would roll over.
  const ms = Date.parse(value);
  if (!RFC3339.test(value) || !isIsoDate(value) || Number.isNaN(ms))
    throw new InvalidInput(field, `must be an RFC 3339 timestamp, got "${value}"`);
  return new Date(ms).toISOString();
};

const optionalId = (field: string, value: string): string | undefined =>
  value === '' ? undefined : parseId(field, value);

export type PaymentListFilters = Omit<ListPaymentsQuery, 'limit' | 'after'>;

/** The filters of a ListPayments request; empty fields filter nothing. */
export const paymentListFilters = (
  request: paymentsV1.ListPaymentsRequest__Output,
): PaymentListFilters => {
  const from = time('createdAfter', request.createdAfter);
  const to = time('createdBefore', request.createdBefore);
  if (from !== undefined && to !== undefined && from >= to)
    throw new InvalidInput('createdBefore', 'must be later than createdAfter');
  return {
    payerAccountId: optionalId('payerAccountId', request.payerAccountId),
    payeeAccountId: optionalId('payeeAccountId', request.payeeAccountId),
    status: statusFilter(request.status),
    from,
    to,
  };
};
