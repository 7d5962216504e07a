import { InvalidInput, NotFound, parseId } from '@ledgerline/domain';
import { type ServiceBinding } from '@ledgerline/grpc';
import { orderStreamId } from '@ledgerline/orders-domain';
import {
  getOrder,
  listOrdersByCustomer,
  type OrderCursor,
  type OrderDocument,
  type OrdersTables,
} from '@ledgerline/orders-views';
import { loadPackage, type ordersV1 } from '@ledgerline/proto';
import {
  assertMayRead,
  awaitCallToken,
  consistencyToken,
  type CursorValue,
  filterHash,
  ownerOfReads,
  ownerOfSearches,
  pageSize,
  type QueryServiceContext,
  readCachedEntity,
  readerOf,
} from '@ledgerline/query-service';
import { orderMessage, orderOfDocument } from './order-message';
import { ORDER_SEARCH } from './order-search';
import { planSearch } from '@ledgerline/query-service';

export interface OrderViews {
  readonly orders: {
    readonly projection: string;
    readonly tables: OrdersTables;
    readonly cacheNamespace: string;
  };
  readonly search: { readonly projection: string; readonly index: string };
}

const CACHE_TTL_MS = 60_000;
const LIST_LIMITS = { default: 50, max: 200 };
/** Scopes ListOrdersByCustomer page tokens (stable across rebuilds that rename the projection). */
const LIST_VIEW = 'orders.by-customer';

const listCursor = (values: readonly CursorValue[]): OrderCursor => {
  const [placedAt, orderId, extra] = values;
  if (typeof placedAt !== 'string' || typeof orderId !== 'string' || extra !== undefined)
    throw new InvalidInput('pageToken', 'is not a page token issued for this query');
  return { placedAt, orderId };
};

/**
 * OrderQueryService: each handler checks its request, waits for the consistency token (the
 * order's stream for GetOrder, every order event up to it for lists and searches), then reads
 * the view: through the Redis cache for one order, by keyset for a customer's orders, from the
 * search index for searches. A caller that does not act for any owner sees only the orders it
 * placed (`placedBy`): another's order is PERMISSION_DENIED, lists and searches leave it out.
 */
export const orderQueryService = (
  context: QueryServiceContext,
  views: OrderViews,
): ServiceBinding => {
  const { consistency, cursors, pool, searchClient, unary } = context;
  const cache = context.cache(views.orders.cacheNamespace);
  const { OrderQueryService } = loadPackage(['ledgerline/orders/v1/orders_query.proto']).ledgerline
    .orders.v1;
  const { tables } = views.orders;

  const implementation: ordersV1.OrderQueryServiceHandlers = {
    GetOrder: unary(async (request, call) => {
      const caller = readerOf(call.metadata);
      const orderId = parseId('orderId', request.orderId);
      const order = await readCachedEntity(consistency, call, {
        projection: views.orders.projection,
        cache,
        streamId: orderStreamId(orderId),
        token: consistencyToken(request.consistencyToken),
        ttlMs: CACHE_TTL_MS,
        load: () => getOrder(pool, tables, orderId),
      });
      if (!order) throw new NotFound('order', orderId);
      // On the value itself, cached or not: the cache holds one entry per order for every caller
      // (namespace v2: every cached value carries placedBy).
      assertMayRead(caller, order.placedBy, 'order');
      return { order: orderMessage(order) };
    }),

    ListOrdersByCustomer: unary(async (request, call) => {
      const placedBy = ownerOfReads(readerOf(call.metadata));
      const customerId = parseId('customerId', request.customerId);
      const limit = pageSize(request.pageSize, LIST_LIMITS);
      // An owner's pages are its own: their tokens do not fit another owner's list.
      const scope = {
        view: LIST_VIEW,
        filterHash: filterHash({ customerId, ...(placedBy !== undefined && { placedBy }) }),
      };
      const after = request.pageToken
        ? listCursor(cursors.decodeCursor(request.pageToken, scope))
        : undefined;
      await awaitCallToken(consistency, call, {
        projection: views.orders.projection,
        token: consistencyToken(request.consistencyToken),
        scope: 'list',
      });
      const page = await listOrdersByCustomer(pool, tables, {
        customerId,
        placedBy,
        limit,
        after,
      });
      return {
        orders: page.orders.map(orderMessage),
        nextPageToken: page.next
          ? cursors.encodeCursor([page.next.placedAt, page.next.orderId], scope)
          : '',
      };
    }),

    SearchOrders: unary(async (request, call) => {
      const owner = ownerOfSearches(readerOf(call.metadata));
      const plan = planSearch(cursors, ORDER_SEARCH, request, owner);
      await awaitCallToken(consistency, call, {
        projection: views.search.projection,
        token: consistencyToken(request.consistencyToken),
        scope: 'list',
      });
      const result = await searchClient.search<OrderDocument>({
        index: views.search.index,
        ...plan.body,
      });
      const { hits, nextPageToken } = plan.page(result.hits.hits);
      return {
        orders: hits.flatMap((hit) =>
          hit._source ? [orderMessage(orderOfDocument(hit._source))] : [],
        ),
        nextPageToken,
      };
    }),
  };
  return { definition: OrderQueryService.service, implementation };
};
