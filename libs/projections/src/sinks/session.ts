import { type SearchClient } from '@ledgerline/search';
import { type PoolClient } from 'pg';
import { type SinkSession } from '../apply-batch';
import {
  type ElasticsearchProjection,
  type PostgresProjection,
  type SearchHandler,
  type TableNames,
} from '../projection';
import { searchSession } from './elasticsearch-sink';
import { bulkSession } from './bulk-session';
import { postgresSession, type RetryPolicy } from './postgres-sink';

export type AnyProjection<Tables extends TableNames> =
  PostgresProjection<Tables> | ElasticsearchProjection;

export interface SessionDeps {
  readonly searchClient?: SearchClient | undefined;
  readonly retry: RetryPolicy;
  readonly signal: AbortSignal;
  readonly onRetry?: (reason: string, attempt: number) => void;
  /** Postgres only: false runs handlers without a savepoint each (see `postgresSession`). */
  readonly guarded?: boolean;
  /**
   * Postgres only, unguarded only: a projection with a batch path (`bulk`) writes the batch
   * through it (`bulkSession`) unless this is false.
   */
  readonly bulk?: boolean;
}

/** A sink session for one batch, whichever sink the projection writes to. */
export const openSession = <Tables extends TableNames>(
  projection: AnyProjection<Tables>,
  client: PoolClient,
  deps: SessionDeps,
): SinkSession<unknown> => {
  if (
    projection.sink === 'postgres' &&
    deps.guarded === false &&
    deps.bulk !== false &&
    projection.bulk
  )
    return bulkSession(client, projection.tables, projection.bulk);
  if (projection.sink === 'postgres')
    return postgresSession(client, projection.tables, deps.retry, deps.guarded ?? true);
  return openSearchSession(projection, deps);
};

/** An Elasticsearch session: it needs no Postgres connection (it writes only to the index). */
export const openSearchSession = (
  projection: ElasticsearchProjection,
  deps: SessionDeps,
): SinkSession<SearchHandler> => {
  if (!deps.searchClient)
    throw new Error(
      `projection ${projection.name}: an Elasticsearch projection needs searchClient`,
    );
  return searchSession({
    client: deps.searchClient,
    index: projection.index,
    retry: deps.retry,
    signal: deps.signal,
    ...(deps.onRetry ? { onRetry: deps.onRetry } : {}),
    ...(projection.documentsRead && { documentsRead: projection.documentsRead }),
  });
};
