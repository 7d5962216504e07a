import { START } from '@ledgerline/event-store';
import { migrateRuntime } from '@ledgerline/projections';
import { performance } from 'node:perf_hooks';
import { type CopyRow } from './catalog';
import { type Context } from './context';
import { ReplayError } from './errors';
import { fill } from './fill';
import { catchUpLive, freezeLive, liveLowerBound } from './live-copy';
import { type Comparison, type CopyWriter } from './sink';
import { type RebuildOptions } from './types';

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
export const switchTo = async (
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
