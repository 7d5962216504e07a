import { type Checkpoint, compareCheckpoints, START } from '@ledgerline/event-store';
import { type TopicAdmin } from '@ledgerline/messaging';
import { closeBatchGate, migrateRuntime } from '@ledgerline/projections';
import { type PoolClient } from 'pg';
import { checkpointOf, type Context, inTransaction } from './context';
import { publishedEventOf } from './published';
import { type CopyTarget } from './view';

/** A topic not created yet has had nothing published: no partition to freeze or bound. */
export const existingTopics = async (admin: TopicAdmin, topics: readonly string[]) => {
  const present = new Set(await admin.listTopics());
  return topics.filter((topic) => present.has(topic));
};

/**
 * Where the live copy may be missing events: every event of a partition at or below the greatest
 * checkpoint the projector processed there was processed (the relay writes a partition in store
 * order, ADR 0009), so below the smallest such checkpoint over the partitions nothing is missing.
 * Unknown (a partition with messages and no checkpoint, parked events): the store's start.
 */
export const liveLowerBound = async (ctx: Context): Promise<Checkpoint> => {
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
export const catchUpLive = async (
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
 * row (rows are created for partitions it has not seen yet) and closes the batch gate. A batch in
 * progress finishes first; the next waits on the gate or the lock and, once the switch commits,
 * sees the runtime state the switch left.
 */
export const freezeLive = async (ctx: Context): Promise<PoolClient> => {
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
    // An Elasticsearch projector writes to the index before it locks any row (ADR 0017): the
    // gate waits for its batch in progress and keeps its next one out until the freeze ends.
    await closeBatchGate(client, ctx.view.runtimeSchema, ctx.name);
    // The gate alone freezes an Elasticsearch view, without a transaction id: the row locks would
    // give the freeze one and hold back the event store's horizon (ADR 0004) for the whole switch.
    if (ctx.view.projection.sink !== 'elasticsearch')
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
