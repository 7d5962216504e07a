import { InvalidInput, parseId } from '@ledgerline/domain';
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
import { orderMessage, orderOfDocument } from './order-message';
import { ORDER_SEARCH } from './order-search';

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
  const { consistency, pool, unary } = context;
  const cache = context.cache(views.orders.cacheNamespace);
  const { OrderQueryService } = loadPackage(['ledgerline/orders/v1/orders_query.proto']).ledgerline
    .orders.v1;
  const { tables } = views.orders;

  const implementation: ordersV1.OrderQueryServiceHandlers = {
    GetOrder: unary(async (request, call) => {
      const orderId = parseId('orderId', request.orderId);
      const order = await readOwnedEntity(consistency, call, {
        kind: 'order',
        id: orderId,
        // Namespace v2: every cached value carries placedBy.
        ownerOf: (o) => o.placedBy,
        projection: views.orders.projection,
        cache,
        streamId: orderStreamId(orderId),
        token: consistencyToken(request.consistencyToken),
        ttlMs: CACHE_TTL_MS,
        load: () => getOrder(pool, tables, orderId),
      });
      return { order: orderMessage(order) };
    }),

    ListOrdersByCustomer: unary(async (request, call) => {
      const placedBy = ownerOfReads(readerOf(call.metadata));
      const customerId = parseId('customerId', request.customerId);
      const limit = pageSize(request.pageSize, LIST_LIMITS);
      const page = await readKeysetPage(context, call, {
        projection: views.orders.projection,
        // An owner's pages are its own: their tokens do not fit another owner's list.
        scope: {
          view: LIST_VIEW,
          filterHash: filterHash({ customerId, ...(placedBy !== undefined && { placedBy }) }),
        },
        pageToken: request.pageToken,
        token: consistencyToken(request.consistencyToken),
        cursorOf: listCursor,
        valuesOf: (next) => [next.placedAt, next.orderId],
        load: async (after) => {
          const { orders, next } = await listOrdersByCustomer(pool, tables, {
            customerId,
            placedBy,
            limit,
            after,
          });
          return { rows: orders, next };
        },
      });
      return { orders: page.rows.map(orderMessage), nextPageToken: page.nextPageToken };
    }),

    SearchOrders: unary(async (request, call) => {
      const found = await searchView<OrderDocument>(context, call, {
        projection: views.search.projection,
        index: views.search.index,
        spec: ORDER_SEARCH,
        request,
        token: consistencyToken(request.consistencyToken),
      });
      return {
        orders: found.documents.map((document) => orderMessage(orderOfDocument(document))),
        nextPageToken: found.nextPageToken,
      };
    }),
  };
  return { definition: OrderQueryService.service, implementation };
};
