import { START } from '@ledgerline/event-store';
import { performance } from 'node:perf_hooks';
import { type CopyRow } from './catalog';
import { applyRetention, context, copiesOf, locked, retireCache } from './context';
import { ReplayError } from './errors';
import { countEvents, fill } from './fill';
import { openShadow } from './shadow';
import { switchTo } from './switch';
import { type RebuildOptions, type ReplayDeps, type SwitchSummary } from './types';
import { type ReplayableView } from './view';

export {
  type CacheOutcome,
  type RebuildOptions,
  type ReplayDeps,
  type SwitchSummary,
} from './types';

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
    const { filling, resumed, rows } = await openShadow(
      ctx,
      await copiesOf(ctx),
      () => options.restart === true,
    );
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
    const cache = await retireCache(ctx);
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
      cache,
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
    const cache = await retireCache(ctx);
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
      cache,
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
