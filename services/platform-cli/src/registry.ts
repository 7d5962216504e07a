import { type QueryServiceDefinition } from '@ledgerline/query-service';
import { type ReplayableView } from '@ledgerline/replay';
// The registry is the query services' own definitions (names, tables, indices, sources), so a
// projection renamed or re-tabled there is what the CLI rebuilds; nothing is repeated here.
/* eslint-disable @nx/enforce-module-boundaries */
import { accountsQuery, type AccountsQueryOptions } from '../../accounts/query/src/service';
import { ordersQuery, type OrdersQueryOptions } from '../../orders/query/src/service';
import { paymentsQuery, type PaymentsQueryOptions } from '../../payments/query/src/service';
/* eslint-enable @nx/enforce-module-boundaries */

type Names<Options> = Omit<Options, 'projector'>;

/** Per context, the options a deployment gives its query service (schemas, prefixes, aliases). */
export interface ViewOverrides {
  readonly accounts?: Names<AccountsQueryOptions>;
  readonly payments?: Names<PaymentsQueryOptions>;
  readonly orders?: Names<OrdersQueryOptions>;
}

export interface PlatformView {
  readonly name: string;
  readonly service: string;
  readonly sink: 'postgres' | 'elasticsearch';
  /** Tables (Postgres) or alias (Elasticsearch) the queries read. */
  readonly serves: readonly string[];
  readonly view: ReplayableView;
}

const viewsOf = (definition: QueryServiceDefinition): PlatformView[] => {
  const [source, ...more] = definition.sources;
  if (!source || more.length > 0)
    throw new Error(`${definition.name}: replay supports views of exactly one event store`);
  return definition.views.map(({ projection, cache }) => ({
    name: projection.name,
    service: definition.name,
    sink: projection.sink,
    serves: projection.sink === 'postgres' ? Object.values(projection.tables) : [projection.index],
    view: {
      projection,
      runtimeSchema: definition.schema,
      source: {
        schema: source.schema,
        categories: source.categories,
        ...(source.upcasters ? { upcasters: source.upcasters } : {}),
      },
      ...(cache ? { cacheNamespace: cache.namespace } : {}),
    },
  }));
};

/** Every view of the platform, by projection name, as its query service defines it. */
export const platformViews = (overrides: ViewOverrides = {}): PlatformView[] => [
  ...viewsOf(accountsQuery(overrides.accounts)),
  ...viewsOf(paymentsQuery(overrides.payments)),
  ...viewsOf(ordersQuery(overrides.orders)),
];
