import { type Checkpoint, compareCheckpoints, START } from '@ledgerline/event-store';
import { performance } from 'node:perf_hooks';
import { applyRetention, type Context, context, copiesOf, locked, retireCache } from './context';
import { ReplayError } from './errors';
import { countEvents, fill } from './fill';
import { catchUpLive, freezeLive } from './live-copy';
import { replayRange, type ReplayStart } from './replay-range';
import { describeResetTarget, type ResetTarget } from './reset-target';
import { openShadow } from './shadow';
import { type CacheOutcome, type ReplayDeps } from './types';
import { type CopyTarget, type ReplayableView } from './view';

export interface ResetOptions {
  /** Events per read of the store and per transaction while filling (default 10,000). */
  readonly batchSize?: number;
  /** Old copies kept after the switch, for rollback (default 1). */
  readonly keepOld?: number;
  /**
   * How far the relay's clock may trail the database's (default 60 s): the broker is read from
   * this long before the oldest event to replay was recorded, so none is missed.
   */
  readonly clockSkewMs?: number;
}

export interface ResetSummary {
  readonly projection: string;
  readonly target: string;
  /** The new live copy holds exactly the events up to here; the rest comes from the broker. */
  readonly heldUpTo: Checkpoint;
  readonly live: { readonly generation: number; readonly target: CopyTarget };
  readonly previous: { readonly generation: number; readonly target: CopyTarget };
  /** Events written into the new copy from the store. */
  readonly events: number;
  readonly fillMs: number;
  /** How long the live projector applied nothing (fill of the old copy to the head, switch). */
  readonly frozenMs: number;
  readonly durationMs: number;
  /** Per partition, where the projector reads again from, and the end at the reset. */
  readonly replay: readonly ReplayStart[];
  /** Messages between those offsets and the ends (events already in the copy are skipped). */
  readonly messagesToReplay: number;
  readonly dropped: readonly number[];
  readonly cache: CacheOutcome;
}

/**
 * Takes a Postgres view back to `target` and replays the rest from the broker: a new copy is
 * filled from the store with the events up to the target, made live in the switch transaction
 * together with the runtime's stream versions for exactly those events, and the live projector
 * is sent back to offsets at or before the first message it has to apply again (ADR 0012).
 * Refused, with nothing changed, when the topic no longer holds that far back.
 */
export const reset = (
  deps: ReplayDeps,
  view: ReplayableView,
  target: ResetTarget,
  options: ResetOptions = {},
): Promise<ResetSummary> => {
  const name = view.projection.name;
  if (view.projection.sink !== 'postgres')
    return Promise.reject(
      new ReplayError(
        'bad-input',
        `${name} is an Elasticsearch view: reset replays into Postgres views; ` +
          `rebuild it from the event store instead (platform projections rebuild ${name})`,
      ),
    );
  const ctx = context(deps, view, options.batchSize);
  const skew = options.clockSkewMs ?? 60_000;
  return locked(ctx, async () => {
    const started = performance.now();
    const until = await resolveTarget(ctx, target);
    await replayRange(ctx, until, skew); // refuse before any work when the broker lacks it
    const { filling, resumed, rows } = await openShadow(
      ctx,
      await copiesOf(ctx),
      // A half-filled copy is a prefix of the store: continued if it is not past the target.
      (half) => compareCheckpoints(half.checkpoint ?? START, until) > 0,
    );
    const from = filling.checkpoint ?? START;
    const writer = ctx.sink.writer(filling.target, { knownEmpty: !resumed });
    ctx.progress.phase(
      'fill',
      filling.events + (await countEvents(ctx, from, until)),
      filling.events,
    );
    const filled = await fill(ctx, { ...filling, checkpoint: from }, writer, true, until);
    const fillMs = performance.now() - started;

    const live = rows.find((row) => row.status === 'live')!;
    ctx.progress.phase('switch');
    const frozenAt = performance.now();
    const frozen = await freezeLive(ctx);
    let committed = false;
    try {
      const replay = await replayRange(ctx, filled.checkpoint, skew);
      // The old copy is brought to the head first, so it holds exactly the events up to a
      // checkpoint and a rollback continues it from there.
      const head = await ctx.store.headCheckpoint();
      await catchUpLive(ctx, live.target, head);
      const { demoted, promoted } = await ctx.sink.promote(frozen, live, filling);
      await ctx.catalog.swap(
        frozen,
        ctx.name,
        { ...live, target: demoted },
        { ...filling, target: promoted },
        head,
      );
      await ctx.state.rewind(
        frozen,
        ctx.name,
        replay.map(({ topic, partition, from: offset }) => ({ topic, partition, from: offset })),
      );
      await frozen.query(
        `INSERT INTO "${view.runtimeSchema}".projection_streams (projection, stream_id, version)
         SELECT $1, stream_id, max(stream_version) FROM "${view.source.schema}".events
          WHERE stream_category = ANY($2::text[])
            AND (transaction_id, global_position) <= ($3::xid8, $4::bigint)
          GROUP BY stream_id`,
        [
          ctx.name,
          view.source.categories,
          filled.checkpoint.transactionId,
          filled.checkpoint.position,
        ],
      );
      await frozen.query('COMMIT');
      committed = true;
      const frozenMs = performance.now() - frozenAt;
      const cache = await retireCache(ctx);
      const dropped = await applyRetention(ctx, options.keepOld ?? 1);
      return {
        projection: ctx.name,
        target: describeResetTarget(target),
        heldUpTo: filled.checkpoint,
        live: { generation: filling.generation, target: promoted },
        previous: { generation: live.generation, target: demoted },
        events: filling.events + filled.events,
        fillMs,
        frozenMs,
        durationMs: performance.now() - started,
        replay,
        messagesToReplay: replay.reduce(
          (sum, p) => sum + Number(BigInt(p.latest) - BigInt(p.from)),
          0,
        ),
        dropped,
        cache,
      };
    } finally {
      if (!committed) await frozen.query('ROLLBACK').catch(() => undefined);
      frozen.release();
    }
  });
};

/** The checkpoint the view is taken back to: it keeps exactly the events at or before it. */
const resolveTarget = async (ctx: Context, target: ResetTarget): Promise<Checkpoint> => {
  const events = `"${ctx.view.source.schema}".events`;
  const categories = ctx.view.source.categories;
  switch (target.kind) {
    case 'start':
      return START;
    case 'checkpoint':
      return target.checkpoint;
    case 'position': {
      const { rows } = await ctx.deps.pool.query<{ transaction_id: string }>(
        `SELECT transaction_id::text FROM ${events} WHERE global_position = $1`,
        [target.position],
      );
      const row = rows[0];
      if (!row)
        throw new ReplayError(
          'bad-input',
          `there is no event at global position ${target.position} in ${ctx.view.source.schema}`,
        );
      return { transactionId: row.transaction_id, position: target.position };
    }
    case 'time': {
      // The events before the first one recorded at or after the instant (in the store's order).
      const { rows } = await ctx.deps.pool.query<{ transaction_id: string; position: string }>(
        `WITH first AS (
           SELECT transaction_id, global_position FROM ${events}
            WHERE stream_category = ANY($1::text[]) AND recorded_at >= $2
            ORDER BY transaction_id, global_position LIMIT 1)
         SELECT e.transaction_id::text, e.global_position AS position
           FROM ${events} e LEFT JOIN first f ON true
          WHERE e.stream_category = ANY($1::text[])
            AND (f.transaction_id IS NULL
                 OR (e.transaction_id, e.global_position) < (f.transaction_id, f.global_position))
          ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
        [categories, target.at],
      );
      const row = rows[0];
      return row ? { transactionId: row.transaction_id, position: Number(row.position) } : START;
    }
    default:
      return assertNever(target);
  }
};

const assertNever = (value: never): never => {
  throw new Error(`unhandled reset target ${JSON.stringify(value)}`);
};
