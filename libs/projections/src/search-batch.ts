import { type IncomingMessage } from '@ledgerline/messaging';
import { type PoolClient } from 'pg';
import {
  type AppliedBatch,
  applyDeliveries,
  emptyStats,
  freshDeliveries,
  SeekRequired,
  type SinkSession,
} from './apply-batch';
import { type BatchSummary, recordBatch, summarise } from './batch-record';
import { streamOf } from './delivery';
import { enterBatchGate, leaveBatchGate } from './freeze-gate';
import { type SearchHandler } from './projection';
import { type RuntimeState } from './runtime-state';

export interface SearchBatchInput {
  /** A connection outside any transaction; the batch opens one only to record. */
  readonly client: PoolClient;
  readonly state: RuntimeState;
  /** The runtime schema (keys the freeze gate). */
  readonly schema: string;
  readonly projection: {
    readonly name: string;
    readonly handlers: Readonly<Record<string, SearchHandler>>;
    readonly onUnknownType: 'skip' | 'park';
  };
  /** A fresh session per attempt (it collects the attempt's operations). */
  readonly openSession: () => SinkSession<SearchHandler>;
  readonly messages: readonly IncomingMessage[];
  readonly heartbeat?: () => Promise<void>;
}

interface ReadState {
  readonly applied: bigint | undefined;
  readonly seekTo: bigint | undefined;
  readonly blocked: ReadonlySet<string>;
}

/**
 * Applies one partition batch of an Elasticsearch projection without holding a transaction while
 * Elasticsearch is waited on (ADR 0017): the partition's offset, the streams' versions and
 * parked streams are read plainly, the handlers run and the writes are flushed (retried for as
 * long as Elasticsearch is away) outside any transaction, then one short transaction checks that
 * the offset row and the parked streams are as read and records versions, parked events and the
 * offset. If they moved (another member recorded the partition meanwhile), the batch runs again
 * from the read: its writes carry external versions, so sending them twice changes nothing.
 */
export const applySearchBatch = async (input: SearchBatchInput): Promise<AppliedBatch> => {
  const { client, state, projection, messages } = input;
  const first = messages[0];
  if (!first) return { stats: emptyStats(), applied: new Map(), eventTimes: [] };
  await enterBatchGate(client, input.schema, projection.name);
  try {
    for (;;) {
      const stats = emptyStats();
      const offset = await state.peekOffset(client, projection.name, first.topic, first.partition);
      if (offset.seekTo !== undefined && BigInt(first.offset) > offset.seekTo)
        throw new SeekRequired(
          first.topic,
          first.partition,
          offset.seekTo.toString(),
          first.offset,
        );
      const deliveries = freshDeliveries(messages, offset.applied, stats);
      const streamIds = deliveries.map(streamOf);
      const versions = await state.streamVersions(client, projection.name, streamIds);
      const blocked = await state.blockedStreams(client, projection.name, streamIds);
      const outcomes = await applyDeliveries(input, input.openSession(), deliveries, {
        versions,
        blocked: new Set(blocked),
      });
      const summary = summarise(messages, deliveries, outcomes, stats);
      const read = { ...offset, blocked };
      if (await recordIfUnchanged(input, read, streamIds, summary))
        return { stats, applied: summary.applied, eventTimes: summary.eventTimes };
    }
  } finally {
    await leaveBatchGate(client, input.schema, projection.name);
  }
};

/** The short transaction: false (nothing written) when the state read before the flush moved. */
const recordIfUnchanged = async (
  input: SearchBatchInput,
  read: ReadState,
  streamIds: readonly string[],
  summary: BatchSummary,
): Promise<boolean> => {
  const { client, state, projection } = input;
  const { topic, partition } = summary.offset;
  await client.query('BEGIN');
  try {
    const now = await state.lockOffset(client, projection.name, topic, partition);
    const streams = await state.lockStreams(client, projection.name, streamIds);
    const blocked = await state.blockedStreams(client, projection.name, [...streams.keys()]);
    const unchanged =
      now.applied === read.applied &&
      now.seekTo === read.seekTo &&
      blocked.size === read.blocked.size &&
      [...blocked].every((id) => read.blocked.has(id));
    if (!unchanged) {
      await client.query('ROLLBACK');
      return false;
    }
    if (read.seekTo !== undefined) await state.clearSeek(client, projection.name, topic, partition);
    await recordBatch(client, state, projection.name, summary);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};
