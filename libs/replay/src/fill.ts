import { type Checkpoint, compareCheckpoints } from '@ledgerline/event-store';
import { checkpointOf, type Context, inTransaction } from './context';
import { publishedEventOf } from './published';
import { type CopyWriter } from './sink';

/** The view's events after `after` (and at or before `until`, when given). */
export const countEvents = async (
  ctx: Context,
  after: Checkpoint,
  until?: Checkpoint,
): Promise<number> => {
  const { rows } = await ctx.deps.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM "${ctx.view.source.schema}".events
      WHERE stream_category = ANY($1::text[])
        AND (transaction_id, global_position) > ($2::xid8, $3::bigint)
        AND ($4::xid8 IS NULL OR (transaction_id, global_position) <= ($4::xid8, $5::bigint))`,
    [
      ctx.view.source.categories,
      after.transactionId,
      after.position,
      until?.transactionId ?? null,
      until?.position ?? null,
    ],
  );
  return Number(rows[0]?.n ?? 0);
};

/**
 * Fills a copy from the store, from its checkpoint, one transaction per batch (rows + checkpoint
 * together, so a killed run resumes exactly), reading the next batch while writing this one.
 * Stops at the readable head, or once a batch comes back short when `untilShort`, or past
 * `until` (the copy then holds exactly the events up to it).
 */
export const fill = async (
  ctx: Context,
  copy: { generation: number; checkpoint: Checkpoint },
  writer: CopyWriter,
  untilShort: boolean,
  until?: Checkpoint,
): Promise<{ checkpoint: Checkpoint; events: number }> => {
  const read = (after: Checkpoint) =>
    ctx.store.readAll({ after, limit: ctx.batchSize, categories: ctx.view.source.categories });
  const inRange = (event: Parameters<typeof checkpointOf>[0]) =>
    !until || compareCheckpoints(checkpointOf(event), until) <= 0;
  let checkpoint = copy.checkpoint;
  let written = 0;
  let next = read(checkpoint);
  for (;;) {
    const batch = await next;
    const events = batch.events.filter(inRange);
    // Past `until`, every event up to it has been read (readAll hands events out in order).
    const reachedUntil = events.length < batch.events.length;
    if (events.length === 0) return { checkpoint, events: written };
    const after = reachedUntil ? until! : batch.checkpoint;
    const last = reachedUntil || (untilShort && batch.events.length < ctx.batchSize);
    if (!last) next = read(after);
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
    if (last) return { checkpoint, events: written };
  }
};
