import { type Checkpoint, compareCheckpoints } from '@ledgerline/event-store';
import { type IncomingMessage, type OutgoingMessage } from '@ledgerline/messaging';
import { type PublishedEvent } from '@ledgerline/relay';
import { type PoolClient } from 'pg';
import { decideEvent } from './decisions';
import { type Delivery, errorText, parkedRow, streamOf, toDelivery } from './delivery';
import { type ParkedRow, type RuntimeState } from './runtime-state';

/**
 * Thrown by an unguarded session when a handler fails: its writes and the batch's so far are
 * rolled back together, and the batch is applied again event by event, each in a savepoint.
 */
export class HandlerFailedInBatch extends Error {
  constructor(readonly reason: unknown) {
    super(`a handler failed in an unguarded batch: ${errorText(reason)}`);
  }
}

/**
 * Thrown before anything is applied when a reset asked for the partition to be read again from
 * `offset` and the batch starts after it: the caller rolls back and seeks there.
 */
export class SeekRequired extends Error {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly offset: string,
    /** Where the batch started: above `offset` again after a seek means the broker lost it. */
    readonly batchStart: string,
  ) {
    super(`${topic}/${partition} is to be read again from offset ${offset} (a reset)`);
  }
}

export type ApplyResult =
  { readonly ok: true } | { readonly ok: false; readonly error: string; readonly attempts: number };

/** One batch's work against a sink, inside the runtime's transaction. */
export interface SinkSession<Handler> {
  /** Applies (Postgres) or prepares (Elasticsearch) one event; `index` is its place in the batch. */
  apply(index: number, event: PublishedEvent, handler: Handler): Promise<ApplyResult>;
  /**
   * Writes what `apply` prepared. Returns the events the sink rejected as poison, by index; the
   * sink never writes an event of a stream after one of that stream it rejected.
   */
  flush(): Promise<ReadonlyMap<number, string>>;
}

type Outcome =
  | { readonly kind: 'applied' | 'duplicate' | 'skipped' | 'behind-offset' }
  | {
      readonly kind: 'parked';
      readonly status: 'parked' | 'waiting';
      readonly error: string;
      readonly attempts: number;
    };

export interface BatchStats {
  applied: number;
  duplicates: number;
  skipped: number;
  parked: number;
  waiting: number;
  /** Messages at or below the partition's applied offset (a redelivery after a rebalance). */
  alreadyApplied: number;
}

export interface AppliedBatch {
  readonly stats: BatchStats;
  /** Per stream whose handler ran in this batch, the newest version applied (for cache floors). */
  readonly applied: ReadonlyMap<string, number>;
}

export interface ApplyBatchInput<Handler> {
  readonly client: PoolClient;
  readonly state: RuntimeState;
  readonly projection: {
    readonly name: string;
    readonly handlers: Readonly<Record<string, Handler>>;
    readonly onUnknownType: 'skip' | 'park';
  };
  readonly session: SinkSession<Handler>;
  /**
   * A faster session tried first (Postgres: no savepoint per event). If it throws
   * `HandlerFailedInBatch`, its writes are rolled back and the batch runs again through `session`.
   */
  readonly optimistic?: SinkSession<Handler>;
  readonly messages: readonly IncomingMessage[];
  /** Sends parked events to the dead-letter topic; called before the transaction commits. */
  readonly deadLetter: (messages: readonly OutgoingMessage[]) => Promise<void>;
  readonly heartbeat?: () => Promise<void>;
}

const WAITING = 'waiting behind an earlier parked event of its stream';

/**
 * Applies one partition batch inside the caller's transaction: skips what the partition's offset
 * or the stream's version says is already applied, applies the rest in order through the sink,
 * parks poison and everything behind it per stream, and moves the checkpoints. The caller commits.
 */
export const applyBatch = async <Handler>(
  input: ApplyBatchInput<Handler>,
): Promise<AppliedBatch> => {
  const { client, state, projection } = input;
  const first = input.messages[0];
  const stats: BatchStats = {
    applied: 0,
    duplicates: 0,
    skipped: 0,
    parked: 0,
    waiting: 0,
    alreadyApplied: 0,
  };
  if (!first) return { stats, applied: new Map() };
  const { applied: appliedOffset, seekTo } = await state.lockOffset(
    client,
    projection.name,
    first.topic,
    first.partition,
  );
  if (seekTo !== undefined) {
    if (BigInt(first.offset) > seekTo)
      throw new SeekRequired(first.topic, first.partition, seekTo.toString(), first.offset);
    await state.clearSeek(client, projection.name, first.topic, first.partition);
  }
  const fresh = input.messages.filter(
    (m) => appliedOffset === undefined || BigInt(m.offset) > appliedOffset,
  );
  stats.alreadyApplied = input.messages.length - fresh.length;
  const deliveries = fresh.map(toDelivery);
  const streamIds = deliveries.map(streamOf);
  const versions = await state.lockStreams(client, projection.name, streamIds);
  const blocked = await state.blockedStreams(client, projection.name, streamIds);
  if (input.optimistic) {
    await client.query('SAVEPOINT projection_batch');
    try {
      const sets = { versions: new Map(versions), blocked: new Set(blocked) };
      return await applyDeliveries(input, input.optimistic, deliveries, sets, stats);
    } catch (error) {
      if (!(error instanceof HandlerFailedInBatch)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT projection_batch');
    }
  }
  return applyDeliveries(input, input.session, deliveries, { versions, blocked }, stats);
};

/** Decides and applies each delivery in order, then records outcomes and checkpoints. */
const applyDeliveries = async <Handler>(
  input: ApplyBatchInput<Handler>,
  session: SinkSession<Handler>,
  deliveries: readonly Delivery[],
  { versions, blocked }: { versions: Map<string, number>; blocked: Set<string> },
  stats: BatchStats,
): Promise<AppliedBatch> => {
  const { projection } = input;
  const outcomes: Outcome[] = [];
  let lastBeat = Date.now();

  const park = (status: 'parked' | 'waiting', error: string, attempts = 0): Outcome => ({
    kind: 'parked',
    status,
    error,
    attempts,
  });
  for (const [index, delivery] of deliveries.entries()) {
    const streamId = streamOf(delivery);
    const applied = versions.get(streamId) ?? 0;
    if (delivery.kind === 'malformed') {
      if (delivery.version !== null && delivery.version <= applied)
        outcomes.push({ kind: 'duplicate' });
      else if (blocked.has(streamId)) outcomes.push(park('waiting', WAITING));
      else {
        // Parsing is deterministic: retrying would fail the same way.
        outcomes.push(park('parked', errorText(delivery.error), 1));
        blocked.add(streamId);
      }
      continue;
    }
    const { event } = delivery;
    const handler = projection.handlers[event.type];
    const decision = decideEvent({
      version: event.streamVersion,
      appliedVersion: applied,
      streamBlocked: blocked.has(streamId),
      hasHandler: handler !== undefined,
      onUnknownType: projection.onUnknownType,
    });
    switch (decision) {
      case 'duplicate':
        outcomes.push({ kind: 'duplicate' });
        break;
      case 'park-behind':
        outcomes.push(park('waiting', WAITING));
        break;
      case 'park-unknown':
        outcomes.push(park('parked', `no handler for event type ${event.type}`, 1));
        blocked.add(streamId);
        break;
      case 'skip-unknown':
        outcomes.push({ kind: 'skipped' });
        versions.set(streamId, event.streamVersion);
        break;
      case 'apply': {
        const result = await session.apply(index, event, handler!);
        if (result.ok) {
          outcomes.push({ kind: 'applied' });
          versions.set(streamId, event.streamVersion);
        } else {
          outcomes.push(park('parked', result.error, result.attempts));
          blocked.add(streamId);
        }
        break;
      }
    }
    if (input.heartbeat && Date.now() - lastBeat > 1_000) {
      lastBeat = Date.now();
      // A rebalance makes this reject; the batch still commits and the new owner's
      // version checks make any overlap harmless.
      await input.heartbeat().catch(() => undefined);
    }
  }

  rejectAfterFlush(deliveries, outcomes, await session.flush());
  return record(input, deliveries, outcomes, stats);
};

/** A sink rejection parks that event; its stream's later events in the batch wait behind it. */
const rejectAfterFlush = (
  deliveries: readonly Delivery[],
  outcomes: Outcome[],
  rejected: ReadonlyMap<number, string>,
) => {
  const failedStreams = new Set<string>();
  for (const [index, delivery] of deliveries.entries()) {
    const streamId = streamOf(delivery);
    const error = rejected.get(index);
    if (error !== undefined) {
      outcomes[index] = { kind: 'parked', status: 'parked', error, attempts: 1 };
      failedStreams.add(streamId);
    } else if (failedStreams.has(streamId)) {
      const outcome = outcomes[index];
      if (outcome?.kind === 'applied' || outcome?.kind === 'skipped')
        outcomes[index] = { kind: 'parked', status: 'waiting', error: WAITING, attempts: 0 };
    }
  }
};

const record = async <Handler>(
  input: ApplyBatchInput<Handler>,
  deliveries: readonly Delivery[],
  outcomes: readonly Outcome[],
  stats: BatchStats,
): Promise<AppliedBatch> => {
  const { client, state, projection } = input;
  const versions = new Map<string, number>();
  const applied = new Map<string, number>();
  const parked: ParkedRow[] = [];
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
      if (outcome.kind === 'applied')
        applied.set(
          event.streamId,
          Math.max(applied.get(event.streamId) ?? 0, event.streamVersion),
        );
    } else stats.duplicates += 1;
    if (!newest || event.position > newest.position) newest = event;
  }
  await state.saveVersions(client, projection.name, versions);
  await state.park(client, projection.name, parked);
  const last = input.messages[input.messages.length - 1]!;
  await state.saveOffset(client, projection.name, {
    topic: last.topic,
    partition: last.partition,
    offset: last.offset,
    newest: newest && { position: newest.position, time: newest.time },
    greatest,
  });
  if (parked.length > 0) await input.deadLetter(parked.map((row) => deadLetterMessage(row)));
  return { stats, applied };
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
