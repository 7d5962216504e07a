import {
  type Checkpoint,
  type EventCodec,
  PostgresEventStore,
  type RecordedEvent,
  START,
} from '@ledgerline/event-store';
import { RuntimeState } from '@ledgerline/projections';
import { isDeepStrictEqual } from 'node:util';
import { type Pool, type PoolClient } from 'pg';
import { CopyCatalog, type CopyRow } from './catalog';
import { acquireRebuildLock } from './lock';
import { postgresSink } from './postgres-sink';
import { type ProgressReporter, silentProgress } from './progress';
import { refusingSealedValues } from './sealed-guard';
import { searchSink } from './search-sink';
import { type CopySink } from './sink';
import { type CacheOutcome, type ReplayDeps } from './types';
import { type ReplayableView } from './view';

export interface Context {
  readonly deps: ReplayDeps;
  readonly view: ReplayableView;
  readonly sink: CopySink;
  readonly catalog: CopyCatalog;
  readonly state: RuntimeState;
  readonly store: PostgresEventStore;
  readonly progress: ProgressReporter;
  readonly batchSize: number;
  readonly name: string;
}

export const sinkFor = (deps: ReplayDeps, view: ReplayableView): CopySink => {
  if (view.projection.sink === 'postgres') return postgresSink(deps.pool, view.projection);
  if (!deps.searchClient)
    throw new Error(`${view.projection.name} is an Elasticsearch view: a search client is needed`);
  return searchSink(deps.searchClient, view.projection);
};

/** How the replay reads sealed personal fields: opened, refused, or (when told) as stored. */
const sourceCodec = (deps: ReplayDeps, schema: string): { codec?: EventCodec } => {
  if (deps.codecFor) return { codec: deps.codecFor(schema) };
  return deps.copySealedValues ? {} : { codec: refusingSealedValues(schema) };
};

export const context = (deps: ReplayDeps, view: ReplayableView, batchSize = 10_000): Context => ({
  deps,
  view,
  sink: sinkFor(deps, view),
  catalog: new CopyCatalog(view.runtimeSchema),
  state: new RuntimeState(view.runtimeSchema),
  store: new PostgresEventStore({
    pool: deps.pool,
    schema: view.source.schema,
    ...(view.source.upcasters ? { upcasters: view.source.upcasters } : {}),
    ...sourceCodec(deps, view.source.schema),
  }),
  progress: deps.progress ?? silentProgress,
  batchSize,
  name: view.projection.name,
});

export const checkpointOf = (event: RecordedEvent): Checkpoint => ({
  transactionId: event.transactionId,
  position: event.globalPosition,
});

export const inTransaction = async <T>(pool: Pool, work: (client: PoolClient) => Promise<T>) => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/** The catalog's copies, with the live one registered on first use. */
export const copiesOf = async (ctx: Context): Promise<CopyRow[]> => {
  await ctx.catalog.ensure(ctx.deps.pool);
  let rows = await ctx.catalog.list(ctx.deps.pool, ctx.name);
  const liveNow = await ctx.sink.liveTarget();
  const live = rows.find((row) => row.status === 'live');
  if (!live) {
    const generation = Math.max(0, ...rows.map((row) => row.generation)) + 1;
    await ctx.catalog.insert(ctx.deps.pool, {
      projection: ctx.name,
      generation,
      status: 'live',
      target: liveNow,
      checkpoint: null,
    });
  } else if (!isDeepStrictEqual(live.target, liveNow)) {
    // An alias moved but the process died before recording it: record what is live.
    const promoted = rows.find((row) => isDeepStrictEqual(row.target, liveNow));
    if (!promoted)
      throw new Error(
        `${ctx.name}: the live copy ${JSON.stringify(liveNow)} is not in the catalog`,
      );
    await ctx.catalog.swap(ctx.deps.pool, ctx.name, live, promoted, promoted.checkpoint ?? START);
  }
  rows = await ctx.catalog.list(ctx.deps.pool, ctx.name);
  return rows;
};

export const applyRetention = async (ctx: Context, keepOld: number): Promise<number[]> => {
  const rows = await ctx.catalog.list(ctx.deps.pool, ctx.name);
  const old = rows
    .filter((row) => row.status === 'old')
    .sort((a, b) => (b.switchedAt?.getTime() ?? 0) - (a.switchedAt?.getTime() ?? 0));
  const dropped: number[] = [];
  for (const row of old.slice(keepOld)) {
    await ctx.sink.drop(row.target);
    await ctx.catalog.remove(ctx.deps.pool, ctx.name, row.generation);
    dropped.push(row.generation);
  }
  return dropped;
};

export const locked = async <T>(ctx: Context, work: () => Promise<T>): Promise<T> => {
  const lock = await acquireRebuildLock(ctx.deps.pool, ctx.name);
  try {
    return await work();
  } finally {
    await lock.release();
  }
};

/** After a switch: the view's cached entries describe the replaced copy, so they are retired. */
export const retireCache = async (ctx: Context): Promise<CacheOutcome> => {
  const namespace = ctx.view.cacheNamespace;
  if (!namespace) return { namespace: null, retired: false };
  if (!ctx.deps.retireCache) return { namespace, retired: false, error: 'no cache configured' };
  try {
    await ctx.deps.retireCache(namespace);
    return { namespace, retired: true };
  } catch (error) {
    return {
      namespace,
      retired: false,
      error: error instanceof Error ? error.message : String(error),
    };
  }
};
