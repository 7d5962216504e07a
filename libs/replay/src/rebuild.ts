import {
  type Checkpoint,
  compareCheckpoints,
  PostgresEventStore,
  type RecordedEvent,
  START,
} from '@ledgerline/event-store';
import { type Messaging, type TopicAdmin } from '@ledgerline/messaging';
import { migrateRuntime, RuntimeState } from '@ledgerline/projections';
import { type SearchClient } from '@ledgerline/search';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { type Pool, type PoolClient } from 'pg';
import { CopyCatalog, type CopyRow } from './catalog';
import { ReplayError } from './errors';
import { acquireRebuildLock } from './lock';
import { postgresSink } from './postgres-sink';
import { type ProgressReporter, silentProgress } from './progress';
import { publishedEventOf } from './published';
import { searchSink } from './search-sink';
import { type Comparison, type CopySink, type CopyWriter } from './sink';
import { type CopyTarget, type ReplayableView } from './view';

export interface ReplayDeps {
  readonly pool: Pool;
  readonly messaging: Messaging;
  /** Needed for Elasticsearch views. */
  readonly searchClient?: SearchClient;
  readonly progress?: ProgressReporter;
}

export interface RebuildOptions {
  /** Compare the new copy with the live one before switching (default true). */
  readonly verify?: boolean;
  /** Switch even if the comparison finds differences (they are still reported). */
  readonly acceptDifferences?: boolean;
  /** Events per read of the store and per transaction (default 10,000). */
  readonly batchSize?: number;
  /** Old copies kept after the switch, for rollback (default 1). */
  readonly keepOld?: number;
  /** Documents or rows shown per difference (default 5; Elasticsearch samples 20× as many). */
  readonly sample?: number;
  /** Drop a half-filled copy from an earlier run instead of resuming it. */
  readonly restart?: boolean;
  /** Fill through the per-event handlers even when the projection has a batch path. */
  readonly forceHandlers?: boolean;
}

export interface SwitchSummary {
  readonly projection: string;
  /** The copy now live, and the copy it replaced (kept as `old` unless retention dropped it). */
  readonly live: { readonly generation: number; readonly target: CopyTarget };
  readonly previous: { readonly generation: number; readonly target: CopyTarget };
  readonly resumed: boolean;
  /** The store checkpoint both copies held at the switch; later events came through Kafka. */
  readonly checkpoint: Checkpoint;
  readonly path: CopyWriter['path'];
  /** Events written into the new copy by this run (fill + catch-up). */
  readonly events: number;
  /** Events the live copy was missing at the switch, applied to it so both held the same. */
  readonly liveCatchUpEvents: number;
  readonly durationMs: number;
  readonly fillMs: number;
  readonly eventsPerSecond: number;
  /** From the end of the fill to the switch: both copies caught up, verified, switched. */
  readonly catchUpMs: number;
  /** How long the live projector was frozen (it applies nothing, relays wait: ADR 0015). */
  readonly frozenMs: number;
  /** How long queries waited on the switch (Postgres table lock; 0 for an alias update). */
  readonly switchPauseMs: number;
  readonly switchMs: number;
  readonly verification: Comparison | null;
  readonly dropped: readonly number[];
}

interface Context {
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

const sinkFor = (deps: ReplayDeps, view: ReplayableView): CopySink => {
  if (view.projection.sink === 'postgres') return postgresSink(deps.pool, view.projection);
  if (!deps.searchClient)
    throw new Error(`${view.projection.name} is an Elasticsearch view: a search client is needed`);
  return searchSink(deps.searchClient, view.projection);
};

const context = (deps: ReplayDeps, view: ReplayableView, batchSize = 10_000): Context => ({
  deps,
  view,
  sink: sinkFor(deps, view),
  catalog: new CopyCatalog(view.runtimeSchema),
  state: new RuntimeState(view.runtimeSchema),
  store: new PostgresEventStore({
    pool: deps.pool,
    schema: view.source.schema,
    ...(view.source.upcasters ? { upcasters: view.source.upcasters } : {}),
  }),
  progress: deps.progress ?? silentProgress,
  batchSize,
  name: view.projection.name,
});

const checkpointOf = (event: RecordedEvent): Checkpoint => ({
  transactionId: event.transactionId,
  position: event.globalPosition,
});

const inTransaction = async <T>(pool: Pool, work: (client: PoolClient) => Promise<T>) => {
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
const copiesOf = async (ctx: Context): Promise<CopyRow[]> => {
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

const countEvents = async (ctx: Context, after: Checkpoint): Promise<number> => {
  const { rows } = await ctx.deps.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM "${ctx.view.source.schema}".events
      WHERE stream_category = ANY($1::text[])
        AND (transaction_id, global_position) > ($2::xid8, $3::bigint)`,
    [ctx.view.source.categories, after.transactionId, after.position],
  );
  return Number(rows[0]?.n ?? 0);
};

/**
 * Fills a copy from the store, from its checkpoint, one transaction per batch (rows + checkpoint
 * together, so a killed run resumes exactly), reading the next batch while writing this one.
 * Stops at the readable head, or once a batch comes back short when `untilShort`.
 */
const fill = async (
  ctx: Context,
  copy: { generation: number; checkpoint: Checkpoint },
  writer: CopyWriter,
  untilShort: boolean,
): Promise<{ checkpoint: Checkpoint; events: number }> => {
  const read = (after: Checkpoint) =>
    ctx.store.readAll({ after, limit: ctx.batchSize, categories: ctx.view.source.categories });
  let checkpoint = copy.checkpoint;
  let written = 0;
  let next = read(checkpoint);
  for (;;) {
    const { events, checkpoint: after } = await next;
    if (events.length === 0) return { checkpoint, events: written };
    const short = events.length < ctx.batchSize;
    next = read(after);
    if (short && untilShort) void next.catch(() => undefined);
    const source = `ledgerline/${ctx.view.source.schema}`;
    await inTransaction(ctx.deps.pool, async (client) => {
      await writer.write(
        client,
        events.map((event) => publishedEventOf(event, source)),
      );
      await ctx.catalog.advance(client, ctx.name, copy.generation, after, events.length);
    });
    checkpoint = after;
    written += events.length;
    ctx.progress.advance(events.length);
    if (short && untilShort) return { checkpoint, events: written };
  }
};

/** A topic not created yet has had nothing published: no partition to freeze or bound. */
const existingTopics = async (admin: TopicAdmin, topics: readonly string[]) => {
  const present = new Set(await admin.listTopics());
  return topics.filter((topic) => present.has(topic));
};

/**
 * Where the live copy may be missing events: every event of a partition at or below the greatest
 * checkpoint the projector processed there was processed (the relay writes a partition in store
 * order, ADR 0009), so below the smallest such checkpoint over the partitions nothing is missing.
 * Unknown (a partition with messages and no checkpoint, parked events): the store's start.
 */
const liveLowerBound = async (ctx: Context): Promise<Checkpoint> => {
  const parked = await ctx.state.listParked(ctx.deps.pool, ctx.name);
  if (parked.length > 0) return START;
  const applied = await ctx.state.appliedOffsets(ctx.deps.pool, ctx.name);
  const admin = await ctx.deps.messaging.admin();
  let lowest: Checkpoint | undefined;
  try {
    for (const topic of await existingTopics(admin, ctx.view.projection.topics)) {
      for (const { partition, offset } of await admin.latestOffsets(topic)) {
        if (offset === '0') continue;
        const row = applied.find((r) => r.topic === topic && r.partition === partition);
        if (!row?.checkpoint) return START;
        if (!lowest || compareCheckpoints(row.checkpoint, lowest) < 0) lowest = row.checkpoint;
      }
    }
  } finally {
    await admin.close();
  }
  return lowest ?? START;
};

/**
 * Applies to the live copy, through the same writer and the runtime's per-stream versions, the
 * events up to `until` it has not applied yet (its projector is frozen), so that both copies hold
 * exactly the same events when they are compared and switched. Parked events it applies are
 * cleared.
 */
const catchUpLive = async (
  ctx: Context,
  live: CopyTarget,
  until: Checkpoint,
  /** Where an earlier pass left off (everything up to it is in the live copy). */
  from?: Checkpoint,
): Promise<number> => {
  const writer = ctx.sink.writer(live, { knownEmpty: false });
  const source = `ledgerline/${ctx.view.source.schema}`;
  let checkpoint = from ?? (await liveLowerBound(ctx));
  let applied = 0;
  for (;;) {
    const { events, checkpoint: after } = await ctx.store.readAll({
      after: checkpoint,
      limit: ctx.batchSize,
      categories: ctx.view.source.categories,
    });
    const inRange = events.filter((event) => compareCheckpoints(checkpointOf(event), until) <= 0);
    if (inRange.length > 0)
      applied += await inTransaction(ctx.deps.pool, async (client) => {
        const versions = await ctx.state.lockStreams(
          client,
          ctx.name,
          inRange.map((event) => event.streamId),
        );
        const fresh = inRange.filter((event) => {
          if (event.streamVersion <= (versions.get(event.streamId) ?? 0)) return false;
          versions.set(event.streamId, event.streamVersion);
          return true;
        });
        if (fresh.length === 0) return 0;
        await writer.write(
          client,
          fresh.map((event) => publishedEventOf(event, source)),
        );
        const moved = new Map(fresh.map((event) => [event.streamId, 0]));
        for (const id of moved.keys()) moved.set(id, versions.get(id)!);
        await ctx.state.saveVersions(client, ctx.name, moved);
        return fresh.length;
      });
    if (events.length < ctx.batchSize || inRange.length < events.length) break;
    checkpoint = after;
  }
  const s = `"${ctx.view.runtimeSchema}"`;
  await ctx.deps.pool.query(
    `DELETE FROM ${s}.projection_parked p USING ${s}.projection_streams v
      WHERE p.projection = $1 AND v.projection = $1 AND v.stream_id = p.stream_id
        AND p.version IS NOT NULL AND p.version <= v.version`,
    [ctx.name],
  );
  return applied;
};

/**
 * Stops the live projector of the view from applying anything: locks every partition's runtime
 * row (rows are created for partitions it has not seen yet). A batch in progress finishes first;
 * the next waits on the lock and, once the switch commits, sees the runtime state the switch left.
 */
const freezeLive = async (ctx: Context): Promise<PoolClient> => {
  await migrateRuntime(ctx.deps.pool, ctx.view.runtimeSchema);
  const admin = await ctx.deps.messaging.admin();
  const s = `"${ctx.view.runtimeSchema}"`;
  try {
    for (const topic of await existingTopics(admin, ctx.view.projection.topics))
      for (const { partition } of await admin.latestOffsets(topic))
        await ctx.deps.pool.query(
          `INSERT INTO ${s}.projection_offsets (projection, topic, partition, "offset")
           VALUES ($1, $2, $3, -1) ON CONFLICT DO NOTHING`,
          [ctx.name, topic, partition],
        );
  } finally {
    await admin.close();
  }
  const client = await ctx.deps.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT 1 FROM ${s}.projection_offsets WHERE projection = $1 FOR UPDATE`, [
      ctx.name,
    ]);
    return client;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    throw error;
  }
};

const differenceText = (comparison: Comparison): string =>
  comparison.tables
    .filter((t) => t.onlyInLive > 0 || t.onlyInShadow > 0)
    .map(
      (t) =>
        `${t.name}: live ${t.liveRows} rows, new ${t.shadowRows} rows, ` +
        `${t.onlyInLive} only in live, ${t.onlyInShadow} only in new`,
    )
    .join('; ');

/**
 * Catches `next` up to the live head and makes it the live copy: freeze the live projector,
 * catch both copies up to the same store checkpoint, compare, swap, unfreeze (ADR 0015).
 */
const switchTo = async (
  ctx: Context,
  rows: readonly CopyRow[],
  next: CopyRow,
  writer: CopyWriter,
  options: RebuildOptions & { verify: boolean },
) => {
  const live = rows.find((row) => row.status === 'live')!;
  const started = performance.now();
  ctx.progress.phase('catch-up');
  // Most of the live copy's catch-up happens before the freeze, beside its running projector:
  // both take the streams' row locks and skip what the other applied, as a redrive does.
  await migrateRuntime(ctx.deps.pool, ctx.view.runtimeSchema);
  const catchUp = ctx.sink.acceptsCurrentHandlers(live.target);
  const early =
    catchUp && next.checkpoint ? await catchUpLive(ctx, live.target, next.checkpoint) : 0;
  // Refresh and replicas back on before the freeze: the index's first refresh is the slow one.
  await ctx.sink.settle(next.target);
  const frozenAt = performance.now();
  const frozen = await freezeLive(ctx);
  let committed = false;
  try {
    const caught = await fill(
      ctx,
      { ...next, checkpoint: next.checkpoint ?? START },
      writer,
      false,
    );
    // A live copy that cannot take the current handlers (a new mapping) is left as its projector
    // left it: it then holds everything below its lower bound, from where a rollback re-applies
    // (idempotent for Elasticsearch, whose documents carry external versions).
    const liveCatchUp =
      early +
      (catchUp
        ? await catchUpLive(ctx, live.target, caught.checkpoint, next.checkpoint ?? undefined)
        : 0);
    const demotedAt = catchUp ? caught.checkpoint : await liveLowerBound(ctx);
    let verification: Comparison | null = null;
    if (options.verify) {
      ctx.progress.phase('verify');
      verification = await ctx.sink.compare(live.target, next.target, options.sample ?? 5);
      if (!verification.equal && !options.acceptDifferences)
        throw Object.assign(
          new ReplayError(
            'verification-failed',
            `${ctx.name}: the new copy differs from the live one (${differenceText(verification)}); ` +
              'not switched (rerun with --accept-differences to switch anyway)',
          ),
          { verification },
        );
    }
    const catchUpMs = performance.now() - started;
    ctx.progress.phase('switch');
    const switchStarted = performance.now();
    const { demoted, promoted } = await ctx.sink.promote(frozen, live, next);
    const aliasDone = performance.now();
    await ctx.catalog.swap(
      frozen,
      ctx.name,
      { ...live, target: demoted },
      { ...next, target: promoted },
      demotedAt,
    );
    await frozen.query('COMMIT');
    committed = true;
    const switched = performance.now();
    const frozenMs = switched - frozenAt;
    const pauseMs = ctx.view.projection.sink === 'postgres' ? switched - switchStarted : 0;
    return {
      caught,
      liveCatchUp,
      verification,
      catchUpMs,
      frozenMs,
      switchMs:
        ctx.view.projection.sink === 'postgres'
          ? switched - switchStarted
          : aliasDone - switchStarted,
      pauseMs,
      demoted: { generation: live.generation, target: demoted },
      promoted: { generation: next.generation, target: promoted },
    };
  } finally {
    if (!committed) await frozen.query('ROLLBACK').catch(() => undefined);
    frozen.release();
  }
};

const applyRetention = async (ctx: Context, keepOld: number): Promise<number[]> => {
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

const locked = async <T>(ctx: Context, work: () => Promise<T>): Promise<T> => {
  const lock = await acquireRebuildLock(ctx.deps.pool, ctx.name);
  try {
    return await work();
  } finally {
    await lock.release();
  }
};

/**
 * Rebuilds a view blue-green from the event store: fills a new copy (resuming a half-filled one),
 * catches it up, verifies it against the live copy and switches, while queries keep reading the
 * live copy. One rebuild per projection at a time.
 */
export const rebuild = (
  deps: ReplayDeps,
  view: ReplayableView,
  options: RebuildOptions = {},
): Promise<SwitchSummary> => {
  const ctx = context(deps, view, options.batchSize);
  return locked(ctx, async () => {
    const started = performance.now();
    let rows = await copiesOf(ctx);
    let filling = rows.find((row) => row.status === 'filling');
    if (filling && options.restart) {
      await ctx.sink.drop(filling.target);
      await ctx.catalog.remove(deps.pool, ctx.name, filling.generation);
      filling = undefined;
    }
    const resumed = filling !== undefined;
    if (!filling) {
      const generation = Math.max(...rows.map((row) => row.generation)) + 1;
      const target = await ctx.sink.createShadow(generation);
      await ctx.catalog.insert(deps.pool, {
        projection: ctx.name,
        generation,
        status: 'filling',
        target,
        checkpoint: START,
      });
      rows = await ctx.catalog.list(deps.pool, ctx.name);
      filling = rows.find((row) => row.status === 'filling')!;
    } else await ctx.sink.createShadow(filling.generation);
    const from = filling.checkpoint ?? START;
    const writer = ctx.sink.writer(filling.target, {
      knownEmpty: !resumed,
      ...(options.forceHandlers ? { forceHandlers: true } : {}),
    });
    const before = filling.events;
    ctx.progress.phase('fill', before + (await countEvents(ctx, from)), before);
    const filled = await fill(ctx, { ...filling, checkpoint: from }, writer, true);
    const fillMs = performance.now() - started;
    const afterFill = { ...filling, checkpoint: filled.checkpoint };
    const switched = await switchTo(ctx, rows, afterFill, writer, {
      ...options,
      verify: options.verify ?? true,
    });
    const dropped = await applyRetention(ctx, options.keepOld ?? 1);
    const events = filled.events + switched.caught.events;
    const durationMs = performance.now() - started;
    return {
      projection: ctx.name,
      live: switched.promoted,
      previous: switched.demoted,
      resumed,
      checkpoint: switched.caught.checkpoint,
      path: writer.path,
      events,
      liveCatchUpEvents: switched.liveCatchUp,
      durationMs,
      fillMs,
      eventsPerSecond: fillMs > 0 ? (filled.events / fillMs) * 1_000 : 0,
      catchUpMs: switched.catchUpMs,
      frozenMs: switched.frozenMs,
      switchPauseMs: switched.pauseMs,
      switchMs: switched.switchMs,
      verification: switched.verification,
      dropped,
    };
  });
};

/**
 * Makes the newest old copy live again: it is caught up from the checkpoint it was left at (with
 * the current handlers) and switched like a rebuild, the current copy kept as the old one.
 */
export const rollback = (
  deps: ReplayDeps,
  view: ReplayableView,
  options: Pick<RebuildOptions, 'batchSize' | 'verify' | 'sample'> = {},
): Promise<SwitchSummary> => {
  const ctx = context(deps, view, options.batchSize);
  return locked(ctx, async () => {
    const started = performance.now();
    const rows = await copiesOf(ctx);
    const previous = rows
      .filter((row) => row.status === 'old')
      .sort((a, b) => (b.switchedAt?.getTime() ?? 0) - (a.switchedAt?.getTime() ?? 0))[0];
    if (!previous)
      throw new ReplayError(
        'nothing-to-roll-back',
        `${ctx.name} has no previous copy to roll back to`,
      );
    const writer = ctx.sink.writer(previous.target, { knownEmpty: false });
    const switched = await switchTo(ctx, rows, previous, writer, {
      verify: options.verify ?? false,
      acceptDifferences: true,
      ...(options.sample ? { sample: options.sample } : {}),
    });
    const durationMs = performance.now() - started;
    return {
      projection: ctx.name,
      live: switched.promoted,
      previous: switched.demoted,
      resumed: false,
      checkpoint: switched.caught.checkpoint,
      path: writer.path,
      events: switched.caught.events,
      liveCatchUpEvents: switched.liveCatchUp,
      durationMs,
      fillMs: 0,
      eventsPerSecond: 0,
      catchUpMs: switched.catchUpMs,
      frozenMs: switched.frozenMs,
      switchPauseMs: switched.pauseMs,
      switchMs: switched.switchMs,
      verification: switched.verification,
      dropped: [],
    };
  });
};

/** Drops old copies (all but the newest `keep`) and a half-filled one when `filling` is set. */
export const dropOld = (
  deps: ReplayDeps,
  view: ReplayableView,
  { keep = 0, filling = false }: { keep?: number; filling?: boolean } = {},
): Promise<number[]> => {
  const ctx = context(deps, view);
  return locked(ctx, async () => {
    const rows = await copiesOf(ctx);
    const dropped = await applyRetention(ctx, keep);
    const half = rows.find((row) => row.status === 'filling');
    if (filling && half) {
      await ctx.sink.drop(half.target);
      await ctx.catalog.remove(deps.pool, ctx.name, half.generation);
      dropped.push(half.generation);
    }
    return dropped;
  });
};

/** The view's copies (registering the live one on first use). */
export const listCopies = (deps: ReplayDeps, view: ReplayableView): Promise<CopyRow[]> =>
  copiesOf(context(deps, view));
