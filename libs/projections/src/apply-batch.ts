import { endWith, inEventContext, type IncomingMessage } from '@ledgerline/messaging';
import { trace } from '@opentelemetry/api';
import { type PublishedEvent } from '@ledgerline/relay';
import { type PoolClient } from 'pg';
import { recordBatch, summarise } from './batch-record';
import { decideEvent } from './decisions';
import { type Delivery, errorText, streamOf, toDelivery } from './delivery';
import { type RuntimeState } from './runtime-state';

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

/** One batch's work against a sink (Postgres: inside the batch's transaction). */
export interface SinkSession<Handler> {
  /**
   * Reads ahead, in one request, what the handlers of these events will read (Elasticsearch: the
   * documents they build on), before the first of them is applied. Optional.
   */
  prefetch?(events: readonly PublishedEvent[]): Promise<void>;
  /** Applies (Postgres) or prepares (Elasticsearch) one event; `index` is its place in the batch. */
  apply(index: number, event: PublishedEvent, handler: Handler): Promise<ApplyResult>;
  /**
   * Writes what `apply` prepared. Returns the events the sink rejected as poison, by index; the
   * sink never writes an event of a stream after one of that stream it rejected.
   */
  flush(): Promise<ReadonlyMap<number, string>>;
}

export type Outcome =
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
  /** When each event the batch made visible was recorded (ms since epoch): the visible lag. */
  readonly eventTimes: readonly number[];
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
  readonly heartbeat?: () => Promise<void>;
}

const tracer = trace.getTracer('@ledgerline/projections');

const WAITING = 'waiting behind an earlier parked event of its stream';

/**
 * Applies one partition batch of a Postgres projection inside the caller's transaction: skips what
 * the partition's offset or the stream's version says is already applied, applies the rest in
 * order through the sink, parks poison and everything behind it per stream, and moves the
 * checkpoints. The caller commits. (Elasticsearch batches: `applySearchBatch`.)
 */
export const applyBatch = async <Handler>(
  input: ApplyBatchInput<Handler>,
): Promise<AppliedBatch> => {
  const { client, state, projection } = input;
  const first = input.messages[0];
  const stats = emptyStats();
  if (!first) return { stats, applied: new Map(), eventTimes: [] };
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
  const deliveries = freshDeliveries(input.messages, appliedOffset, stats);
  const streamIds = deliveries.map(streamOf);
  const versions = await state.lockStreams(client, projection.name, streamIds);
  const blocked = await state.blockedStreams(client, projection.name, streamIds);
  const finish = async (outcomes: Outcome[]) => {
    const summary = summarise(input.messages, deliveries, outcomes, stats);
    await recordBatch(client, state, projection.name, summary);
    return { stats, applied: summary.applied, eventTimes: summary.eventTimes };
  };
  if (input.optimistic) {
    await client.query('SAVEPOINT projection_batch');
    try {
      const sets = { versions: new Map(versions), blocked: new Set(blocked) };
      return await finish(await applyDeliveries(input, input.optimistic, deliveries, sets));
    } catch (error) {
      if (!(error instanceof HandlerFailedInBatch)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT projection_batch');
    }
  }
  return finish(await applyDeliveries(input, input.session, deliveries, { versions, blocked }));
};

/** The batch's messages above the partition's applied offset, parsed. */
export const freshDeliveries = (
  messages: readonly IncomingMessage[],
  appliedOffset: bigint | undefined,
  stats: BatchStats,
): Delivery[] => {
  const fresh = messages.filter(
    (m) => appliedOffset === undefined || BigInt(m.offset) > appliedOffset,
  );
  stats.alreadyApplied = messages.length - fresh.length;
  return fresh.map(toDelivery);
};

export const emptyStats = (): BatchStats => ({
  applied: 0,
  duplicates: 0,
  skipped: 0,
  parked: 0,
  waiting: 0,
  alreadyApplied: 0,
});

/**
 * Decides each delivery in order, applies (Postgres) or prepares (Elasticsearch) what is to be
 * applied through the session, then flushes it; returns each delivery's outcome.
 */
export const applyDeliveries = async <Handler>(
  input: Pick<ApplyBatchInput<Handler>, 'projection' | 'heartbeat'>,
  session: SinkSession<Handler>,
  deliveries: readonly Delivery[],
  { versions, blocked }: { versions: Map<string, number>; blocked: Set<string> },
): Promise<Outcome[]> => {
  const { projection } = input;
  const outcomes: Outcome[] = [];
  let lastBeat = Date.now();

  const park = (status: 'parked' | 'waiting', error: string, attempts = 0): Outcome => ({
    kind: 'parked',
    status,
    error,
    attempts,
  });
  if (session.prefetch) {
    // Events that may reach a handler: newer than their stream's applied version, of a type the
    // projection handles. A stream parked on the way only makes a prefetched read unused.
    const ahead = deliveries.flatMap((delivery) =>
      delivery.kind === 'event' &&
      projection.handlers[delivery.event.type] !== undefined &&
      delivery.event.streamVersion > (versions.get(delivery.event.streamId) ?? 0)
        ? [delivery.event]
        : [],
    );
    if (ahead.length > 0) await session.prefetch(ahead);
  }
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
        // In the event's trace: a child of its publish span, so one trace runs from the command
        // to every view it changed.
        const result = await inEventContext(
          `apply ${event.type}`,
          event.traceparent,
          {
            'ledgerline.projection': projection.name,
            'ledgerline.event_id': event.eventId,
            'ledgerline.stream_id': streamId,
          },
          () => session.apply(index, event, handler!),
        );
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

  const flushed = await tracer.startActiveSpan(`flush ${projection.name}`, (span) =>
    endWith(span, () => session.flush()),
  );
  rejectAfterFlush(deliveries, outcomes, flushed);
  return outcomes;
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
