import { type Checkpoint, type PostgresEventStore, START } from '@ledgerline/event-store';
import { type Messaging } from '@ledgerline/messaging';
import { categoryTopicSpec, toCloudEventMessage, topicForCategory } from '@ledgerline/relay';
import { type Pool } from 'pg';
import { ReplayError } from './errors';
import { type ProgressReporter, silentProgress } from './progress';

export interface RepublishOptions {
  readonly store: PostgresEventStore;
  readonly pool: Pool;
  readonly messaging: Messaging;
  readonly category: string;
  /** Publish events after this checkpoint (see `checkpointBefore`). */
  readonly after: Checkpoint;
  /** Default: the category's topic; a new consumer may be given a topic of its own. */
  readonly topic?: string;
  /** CloudEvents `source`, as the context's relay sets it (e.g. `ledgerline/payments`). */
  readonly source: string;
  readonly batchSize?: number;
  readonly progress?: ProgressReporter;
}

/**
 * Publishes a category's stored events again, in store order, in the relay's exact encoding
 * (CloudEvents, key = stream id), for a consumer that needs history the topic no longer holds.
 * Consumers deduplicate by stream version, so republishing is safe for the existing ones too.
 */
export const republish = async (
  options: RepublishOptions,
): Promise<{ events: number; topic: string }> => {
  const topic = options.topic ?? topicForCategory(options.category);
  const admin = await options.messaging.admin();
  try {
    await admin.ensureTopics([{ ...categoryTopicSpec(options.category), topic }]);
  } finally {
    await admin.close();
  }
  const producer = await options.messaging.producer();
  const progress = options.progress ?? silentProgress;
  let after = options.after;
  let events = 0;
  try {
    for (;;) {
      const batch = await options.store.readAll({
        after,
        limit: options.batchSize ?? 5_000,
        categories: [options.category],
      });
      if (batch.events.length === 0) return { events, topic };
      await producer.send(
        topic,
        batch.events.map((event) => toCloudEventMessage(event, options.source)),
      );
      events += batch.events.length;
      progress.advance(batch.events.length);
      after = batch.checkpoint;
    }
  } finally {
    await producer.close();
  }
};

/**
 * Where `--from` starts: `start`, a global position (that event and everything after it in store
 * order), `<transactionId>/<position>` (a checkpoint, exclusive) or an ISO time (the first event
 * recorded at or after it).
 */
export const checkpointBefore = async (
  pool: Pool,
  schema: string,
  from: string,
): Promise<Checkpoint> => {
  if (from === 'start' || from === '0') return START;
  const checkpoint = /^(\d+)\/(\d+)$/.exec(from);
  if (checkpoint) return { transactionId: checkpoint[1]!, position: Number(checkpoint[2]) };
  const where = /^\d+$/.test(from)
    ? { sql: 'global_position = $1', value: Number(from) }
    : !Number.isNaN(Date.parse(from))
      ? { sql: 'recorded_at >= $1::timestamptz', value: new Date(from).toISOString() }
      : undefined;
  if (!where)
    throw new ReplayError(
      'bad-input',
      `--from must be start, a position, <transactionId>/<position> or an ISO time, not ${from}`,
    );
  const { rows } = await pool.query<{ transaction_id: string; global_position: string }>(
    `SELECT transaction_id::text, global_position FROM "${schema}".events WHERE ${where.sql}
      ORDER BY transaction_id, global_position LIMIT 1`,
    [where.value],
  );
  const row = rows[0];
  if (!row) throw new ReplayError('bad-input', `no event at or after ${from} in ${schema}`);
  // Just before it: readAll returns what sorts after (its transaction, the position before it).
  return { transactionId: row.transaction_id, position: Number(row.global_position) - 1 };
};
