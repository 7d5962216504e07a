import { type Checkpoint } from '@ledgerline/event-store';
import { type Context } from './context';
import { ReplayError } from './errors';
import { existingTopics } from './live-copy';

export interface ReplayStart {
  readonly topic: string;
  readonly partition: number;
  /** Where the projector reads the partition again from. */
  readonly from: string;
  /** The partition's end when the reset looked. */
  readonly latest: string;
}

/**
 * Where the projector must read each partition again from to see every event after `after`:
 * the first message published at or after the oldest such event was recorded (less the clock
 * skew allowed). A message is published after its transaction commits, so nothing it needs lies
 * before that offset; what it reads there that the copy already holds, its stream versions skip.
 * Throws `range-gone` when a partition may have lost (by retention) a message it needs.
 */
export const replayRange = async (
  ctx: Context,
  after: Checkpoint,
  clockSkewMs: number,
): Promise<ReplayStart[]> => {
  const { rows } = await ctx.deps.pool.query<{ oldest: Date | null }>(
    `SELECT min(recorded_at) AS oldest FROM "${ctx.view.source.schema}".events
      WHERE stream_category = ANY($1::text[])
        AND (transaction_id, global_position) > ($2::xid8, $3::bigint)`,
    [ctx.view.source.categories, after.transactionId, after.position],
  );
  const oldest = rows[0]?.oldest ?? null;
  const admin = await ctx.deps.messaging.admin();
  const starts: ReplayStart[] = [];
  const gone: string[] = [];
  try {
    for (const topic of await existingTopics(admin, ctx.view.projection.topics)) {
      const ranges = await admin.offsetRanges(topic);
      const at = oldest ? await admin.offsetsAtTime(topic, oldest.getTime() - clockSkewMs) : [];
      for (const range of ranges) {
        const from = at.find((a) => a.partition === range.partition)?.offset ?? range.latest;
        // The first message kept is already recent enough: older ones it needed may be deleted.
        if (oldest && range.earliest !== '0' && BigInt(from) <= BigInt(range.earliest))
          gone.push(`${topic}/${range.partition} keeps offsets from ${range.earliest} only`);
        starts.push({ topic, partition: range.partition, from, latest: range.latest });
      }
    }
  } finally {
    await admin.close();
  }
  if (gone.length > 0)
    throw new ReplayError(
      'range-gone',
      `${ctx.name}: the broker may no longer hold every event recorded since ` +
        `${new Date(oldest!.getTime() - clockSkewMs).toISOString()} (${gone.join('; ')}); ` +
        `nothing was changed; rebuild the view from the event store instead ` +
        `(platform projections rebuild ${ctx.name})`,
    );
  return starts.sort((a, b) =>
    a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
  );
};
