import { type Upcasters } from '@ledgerline/event-store';
import {
  type ElasticsearchProjection,
  type PostgresProjection,
  type Projection,
  type TableNames,
} from '@ledgerline/projections';

/** A view a rebuild can refill: its projection and where its events and runtime state live. */
export interface ReplayableView {
  readonly projection: Projection;
  /** Schema of the projector runtime's tables (`projection_*`), where the copies' catalog lives. */
  readonly runtimeSchema: string;
  /** The event store the view's events come from, and the categories it reads. */
  readonly source: {
    readonly schema: string;
    readonly categories: readonly string[];
    /** The command service's upcasters, so a rebuild reads events as the relay publishes them. */
    readonly upcasters?: Upcasters;
  };
  /** The Redis cache namespace the query service keeps the view's rows in, if it caches them. */
  readonly cacheNamespace?: string;
}

/** Where a copy of a view lives: a set of tables, or a concrete Elasticsearch index. */
export type CopyTarget =
  | { readonly kind: 'postgres'; readonly tables: Readonly<Record<string, string>> }
  | { readonly kind: 'elasticsearch'; readonly index: string };

export const describeTarget = (target: CopyTarget): string =>
  target.kind === 'postgres' ? Object.values(target.tables).join(', ') : target.index;

/** Widens a projection typed with its own tables (the runtime only hands it those tables). */
export const replayable = <Tables extends TableNames>(
  projection: PostgresProjection<Tables> | ElasticsearchProjection,
): Projection => projection as unknown as Projection;
