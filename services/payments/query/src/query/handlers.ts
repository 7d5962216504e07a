import { InvalidInput, parseId } from '@ledgerline/domain';
import { type ServiceBinding } from '@ledgerline/grpc';
import { paymentStreamId } from '@ledgerline/payments-domain';
import {
  getPayment,
  listPayments,
  type PaymentCursor,
  type PaymentDocument,
  type PaymentsTables,
} from '@ledgerline/payments-views';
import { loadPackage, type paymentsV1 } from '@ledgerline/proto';
import {
  consistencyToken,
  type CursorValue,
  filterHash,
  ownerOfReads,
  pageSize,
  type QueryServiceContext,
  readerOf,
  readKeysetPage,
  readOwnedEntity,
  searchView,
} from '@ledgerline/query-service';
import { paymentListFilters } from './list-filters';
import { paymentMessage } from './payment-message';
import { PAYMENT_SEARCH } from './payment-search';

export interface PaymentViews {
  readonly payments: {
    readonly projection: string;
    readonly tables: PaymentsTables;
    readonly cacheNamespace: string;
  };
  readonly search: { readonly projection: string; readonly index: string };
}

const CACHE_TTL_MS = 60_000;
const LIST_LIMITS = { default: 50, max: 200 };
/** Scopes ListPayments page tokens (stable across rebuilds that rename the projection). */
const LIST_VIEW = 'payments.list';

const listCursor = (values: readonly CursorValue[]): PaymentCursor => {
  const [createdAt, paymentId, extra] = values;
  if (typeof createdAt !== 'string' || typeof paymentId !== 'string' || extra !== undefined)
    throw new InvalidInput('pageToken', 'is not a page token issued for this query');
  return { createdAt, paymentId };
};

/**
 * PaymentQueryService: each handler checks its request, waits for the consistency token (the
 * payment's stream for GetPayment, every payment event up to it for lists and searches), then
 * reads the view: through the Redis cache for one payment, by keyset for lists, from the search
 * index for searches. A caller that does not act for any owner sees only the payments created
 * for it (`ownerId`): another's payment is PERMISSION_DENIED, lists and searches leave it out.
 */
export const paymentQueryService = (
  context: QueryServiceContext,
  views: PaymentViews,
): ServiceBinding => {
  const { consistency, pool, unary } = context;
  const cache = context.cache(views.payments.cacheNamespace);
  const { PaymentQueryService } = loadPackage(['ledgerline/payments/v1/payments_query.proto'])
    .ledgerline.payments.v1;
  const { tables } = views.payments;

  const implementation: paymentsV1.PaymentQueryServiceHandlers = {
    GetPayment: unary(async (request, call) => {
      const paymentId = parseId('paymentId', request.paymentId);
      const payment = await readOwnedEntity(consistency, call, {
        kind: 'payment',
        id: paymentId,
        // Namespace v2: every cached value carries ownerId.
        ownerOf: (p) => p.ownerId,
        projection: views.payments.projection,
        cache,
        streamId: paymentStreamId(paymentId),
        token: consistencyToken(request.consistencyToken),
        ttlMs: CACHE_TTL_MS,
        load: () => getPayment(pool, tables, paymentId),
      });
      return { payment: paymentMessage(payment) };
    }),

    ListPayments: unary(async (request, call) => {
      const ownerId = ownerOfReads(readerOf(call.metadata));
      // The owner is one more filter: in the query, and in the hash that scopes page tokens.
      const filters = { ...paymentListFilters(request), ...(ownerId !== undefined && { ownerId }) };
      const limit = pageSize(request.pageSize, LIST_LIMITS);
      const page = await readKeysetPage(context, call, {
        projection: views.payments.projection,
        scope: { view: LIST_VIEW, filterHash: filterHash(filters) },
        pageToken: request.pageToken,
        token: consistencyToken(request.consistencyToken),
        cursorOf: listCursor,
        valuesOf: (next) => [next.createdAt, next.paymentId],
        load: async (after) => {
          const { payments, next } = await listPayments(pool, tables, { ...filters, limit, after });
          return { rows: payments, next };
        },
      });
      return { payments: page.rows.map(paymentMessage), nextPageToken: page.nextPageToken };
    }),

    SearchPayments: unary(async (request, call) => {
      const found = await searchView<PaymentDocument>(context, call, {
        projection: views.search.projection,
        index: views.search.index,
        spec: PAYMENT_SEARCH,
        request,
        token: consistencyToken(request.consistencyToken),
      });
      return {
        payments: found.documents.map(paymentMessage),
        nextPageToken: found.nextPageToken,
      };
    }),
  };
  return { definition: PaymentQueryService.service, implementation };
};
