import { type Checkpoint, compareCheckpoints } from '@ledgerline/event-store';
import { type IncomingMessage, type OutgoingMessage } from '@ledgerline/messaging';
import { type PublishedEvent } from '@ledgerline/relay';
import { type PoolClient } from 'pg';
import { type BatchStats, type Outcome } from './apply-batch';
import { type Delivery, parkedRow } from './delivery';
import { type ParkedRow, type RuntimeState } from './runtime-state';

/** What a batch records: stream versions, parked rows, and the partition's checkpoint. */
export interface BatchSummary {
  readonly versions: ReadonlyMap<string, number>;
  /** Per stream whose handler ran, the newest version applied (for cache floors). */
  readonly applied: ReadonlyMap<string, number>;
  /** When each event the batch made visible (applied or skipped) was recorded, ms since epoch. */
  readonly eventTimes: readonly number[];
  readonly parked: readonly ParkedRow[];
  readonly offset: Parameters<RuntimeState['saveOffset']>[2];
}

/** Counts the outcomes into `stats` and gathers what the batch records. */
export const summarise = (
  messages: readonly IncomingMessage[],
  deliveries: readonly Delivery[],
  outcomes: readonly Outcome[],
  stats: BatchStats,
): BatchSummary => {
  const versions = new Map<string, number>();
  const applied = new Map<string, number>();
  const parked: ParkedRow[] = [];
  const eventTimes: number[] = [];
  let newest: PublishedEvent | undefined;
  let greatest: Checkpoint | undefined;
  for (const [index, delivery] of deliveries.entries()) {
    const outcome = outcomes[index]!;
    const checkpoint = delivery.kind === 'event' ? checkpointOf(delivery.event) : undefined;
    if (checkpoint && (!greatest || compareCheckpoints(checkpoint, greatest) > 0))
      greatest = checkpoint;
    if (outcome.kind === 'parked') {
      parked.push(parkedRow(delivery, outcome.status, outcome.error, outcome.attempts));
      stats[outcome.status === 'parked' ? 'parked' : 'waiting'] += 1;
      continue;
    }
    if (delivery.kind !== 'event') continue;
    const { event } = delivery;
    if (outcome.kind === 'applied' || outcome.kind === 'skipped') {
      versions.set(
        event.streamId,
        Math.max(versions.get(event.streamId) ?? 0, event.streamVersion),
      );
      stats[outcome.kind] += 1;
      const time = Date.parse(event.time);
      if (Number.isFinite(time)) eventTimes.push(time);
      if (outcome.kind === 'applied')
        applied.set(
          event.streamId,
          Math.max(applied.get(event.streamId) ?? 0, event.streamVersion),
        );
    } else stats.duplicates += 1;
    if (!newest || event.position > newest.position) newest = event;
  }
  const last = messages[messages.length - 1]!;
  return {
    versions,
    applied,
    eventTimes,
    parked,
    offset: {
      topic: last.topic,
      partition: last.partition,
      offset: last.offset,
      newest: newest && { position: newest.position, time: newest.time },
      greatest,
    },
  };
};

/**
 * Writes a batch's outcome in the caller's transaction, the stream rows already locked. Every
 * write only moves forward (versions, offset, checkpoint), so two members briefly sharing a
 * partition can record in either order. Dead-letter messages go out after the commit.
 */
export const recordBatch = async (
  client: PoolClient,
  state: RuntimeState,
  projection: string,
  summary: BatchSummary,
): Promise<void> => {
  if (summary.parked.length === 0)
    // The usual batch: versions and offset in one statement.
    return state.saveOffset(client, projection, summary.offset, summary.versions);
  await state.saveVersions(client, projection, summary.versions);
  await state.park(client, projection, summary.parked);
  await state.saveOffset(client, projection, summary.offset);
};

/** The event's place in the store's order; undefined when its headers do not carry a valid one. */
const checkpointOf = (event: PublishedEvent): Checkpoint | undefined =>
  /^\d{1,20}$/.test(event.transactionId) &&
  BigInt(event.transactionId) < 2n ** 64n &&
  Number.isSafeInteger(event.position)
    ? { transactionId: event.transactionId, position: event.position }
    : undefined;

/** The original message, its headers kept, with why and where it was parked. */
export const deadLetterMessage = (row: ParkedRow): OutgoingMessage => ({
  key: row.streamId,
  value: row.payload ?? Buffer.alloc(0),
  headers: {
    ...row.headers,
    dlq_error: row.error,
    dlq_status: row.status,
    dlq_topic: row.topic,
    dlq_partition: String(row.partition),
    dlq_offset: row.offset,
    dlq_attempts: String(row.attempts),
  },
});
