import { type Checkpoint } from '@ledgerline/event-store';
import { type Context, inTransaction } from './context';
import { publishedEventOf } from './published';
import { type CopyWriter } from './sink';

export const countEvents = async (ctx: Context, after: Checkpoint): Promise<number> => {
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
export const fill = async (
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
