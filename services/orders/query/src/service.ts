import { ORDER_STREAM_CATEGORY } from '@ledgerline/orders-domain';
import { ordersProjection, ordersSearchProjection } from '@ledgerline/orders-views';
import { defineView, type QueryServiceDefinition } from '@ledgerline/query-service';
import { orderQueryService } from './query/handlers';

export interface OrdersQueryOptions {
  /** Schema of the view's tables and of the projection runtime. Default `read_orders`. */
  readonly readSchema?: string;
  /** The event store schema the orders command service writes. Default `orders`. */
  readonly sourceSchema?: string;
  /** Prefix of the projection names (checkpoints, consumer groups). Default `orders`. */
  readonly projectionPrefix?: string;
  /** The Elasticsearch alias of the search view (index `<alias>-v1`). Default `orders`. */
  readonly searchAlias?: string;
  /** Redis namespace of the orders cache. Default `orders-v2` (v2: values carry placedBy). */
  readonly cacheNamespace?: string;
  readonly projector?: QueryServiceDefinition['projector'];
}

/**
 * The orders query service: the orders view (cached per order in Redis) and the `orders` search
 * index, fed from the orders event store, served by OrderQueryService. Tests pass fresh schemas
 * and names; production takes the defaults.
 */
export const ordersQuery = ({
  readSchema = 'read_orders',
  sourceSchema = 'orders',
  projectionPrefix = 'orders',
  searchAlias = 'orders',
  cacheNamespace = 'orders-v2',
  projector,
}: OrdersQueryOptions = {}): QueryServiceDefinition => {
  const orders = ordersProjection({
    name: `${projectionPrefix}.orders`,
    tables: {
      orders: `${readSchema}.orders_v1`,
      orderLines: `${readSchema}.order_lines_v1`,
    },
  });
  const search = ordersSearchProjection({ name: `${projectionPrefix}.search`, alias: searchAlias });
  return {
    name: 'orders-query',
    schema: readSchema,
    sources: [{ schema: sourceSchema, categories: [ORDER_STREAM_CATEGORY] }],
    views: [defineView(orders, { namespace: cacheNamespace }), defineView(search)],
    ...(projector && { projector }),
    services: (context) => [
      orderQueryService(context, {
        orders: { projection: orders.name, tables: orders.tables, cacheNamespace },
        search: { projection: search.name, index: search.index },
      }),
    ],
  };
};
