import { type IncomingMessage } from '@ledgerline/messaging';
import { type Pool } from 'pg';
import { decideEvent } from './decisions';
import { errorText, toDelivery } from './delivery';
import { type TableNames } from './projection';
import { type ParkedEvent, RuntimeState } from './runtime-state';
import { type SinkSession } from './apply-batch';
import { enterBatchGate, leaveBatchGate } from './freeze-gate';
import {
  type AnyProjection,
  openSearchSession,
  openSession,
  type SessionDeps,
} from './sinks/session';

export interface ParkingSettings extends SessionDeps {
  readonly pool: Pool;
  /** The runtime schema the projector was given. */
  readonly schema: string;
}

export interface RedriveResult {
  /** Parked events now applied (or found already applied) and cleared. */
  readonly redriven: number;
  /** Events still parked, each stream stopping at the first that failed again. */
  readonly stillParked: number;
  readonly failures: readonly { streamId: string; version: number | null; error: string }[];
}

const asMessage = (row: ParkedEvent): IncomingMessage => ({
  topic: row.topic,
  partition: row.partition,
  offset: row.offset,
  key: row.streamId,
  value: row.payload,
  headers: row.headers,
  timestamp: row.parkedAt.getTime().toString(),
});

/**
 * The operator's view of parked events: list them, and redrive them (after a fix) through the
 * projection's current handlers, per stream in version order, recording under the same stream
 * lock live delivery takes, so nothing overtakes or slips in between.
 */
export const parkingOperator = (settings: ParkingSettings) => {
  const state = new RuntimeState(settings.schema);

  /**
   * Runs a stream's parked rows through the current handlers in order, stopping at the first that
   * fails again: which rows to clear, the failure, and the stream's version after them.
   */
  const runParked = async <Tables extends TableNames>(
    projection: AnyProjection<Tables>,
    rows: readonly ParkedEvent[],
    appliedBefore: number,
    session: () => SinkSession<unknown>,
  ) => {
    let applied = appliedBefore;
    const cleared: string[] = [];
    for (const row of rows) {
      const delivery = toDelivery(asMessage(row));
      let error: string | undefined;
      if (delivery.kind === 'malformed') error = errorText(delivery.error);
      else {
        const { event } = delivery;
        const handler = (projection.handlers as Record<string, unknown>)[event.type];
        const decision = decideEvent({
          version: event.streamVersion,
          appliedVersion: applied,
          streamBlocked: false,
          hasHandler: handler !== undefined,
          onUnknownType: projection.onUnknownType,
        });
        if (decision === 'park-unknown') error = `no handler for event type ${event.type}`;
        else if (decision === 'apply') {
          const sink = session();
          const result = await sink.apply(0, event, handler);
          const rejected = result.ok ? (await sink.flush()).get(0) : result.error;
          if (rejected !== undefined) error = rejected;
        }
        if (error === undefined) applied = Math.max(applied, event.streamVersion);
      }
      if (error !== undefined) return { cleared, applied, failure: { row, error } };
      cleared.push(row.id);
    }
    return { cleared, applied };
  };

  /**
   * A Postgres view: one transaction holding the stream's lock, the handlers writing in it. An
   * Elasticsearch view: the writes (and their retries) happen first, outside any transaction
   * and inside the freeze gate, then one short transaction records them (ADR 0017); events a
   * live batch parks behind them meanwhile stay parked for the next redrive.
   */
  const redriveStream = async <Tables extends TableNames>(
    projection: AnyProjection<Tables>,
    streamId: string,
  ): Promise<{ redriven: number; stillParked: number; failure?: RedriveResult['failures'][0] }> => {
    const client = await settings.pool.connect();
    const search = projection.sink === 'elasticsearch';
    let broken: Error | undefined;
    try {
      if (search) await enterBatchGate(client, settings.schema, projection.name);
      try {
        let applied: number;
        if (search) applied = await state.appliedVersion(client, projection.name, streamId);
        else {
          await client.query('BEGIN');
          const versions = await state.lockStreams(client, projection.name, [streamId]);
          applied = versions.get(streamId) ?? 0;
        }
        const rows = await state.listParked(client, projection.name, streamId);
        const pass = await runParked(projection, rows, applied, () =>
          search
            ? openSearchSession(projection, settings)
            : openSession(projection, client, settings),
        );
        if (search) {
          await client.query('BEGIN');
          await state.lockStreams(client, projection.name, [streamId]);
        }
        for (const id of pass.cleared) await state.unpark(client, id);
        if (pass.failure) await state.markParked(client, pass.failure.row.id, pass.failure.error);
        await state.saveVersions(client, projection.name, new Map([[streamId, pass.applied]]));
        await client.query('COMMIT');
        const failure = pass.failure && {
          streamId,
          version: pass.failure.row.version,
          error: pass.failure.error,
        };
        return {
          redriven: pass.cleared.length,
          stillParked: rows.length - pass.cleared.length,
          ...(failure ? { failure } : {}),
        };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        if (search)
          await leaveBatchGate(client, settings.schema, projection.name).catch((error: unknown) => {
            broken = error instanceof Error ? error : new Error(String(error));
          });
      }
    } finally {
      client.release(broken);
    }
  };

  return {
    listParked: (projection: string | { name: string }, streamId?: string) =>
      state.listParked(
        settings.pool,
        typeof projection === 'string' ? projection : projection.name,
        streamId,
      ),

    async redrive<Tables extends TableNames>(
      projection: AnyProjection<Tables>,
      streamId?: string,
    ): Promise<RedriveResult> {
      const streams = streamId
        ? [streamId]
        : [
            ...new Set(
              (await state.listParked(settings.pool, projection.name)).map((r) => r.streamId),
            ),
          ];
      const failures: RedriveResult['failures'][number][] = [];
      let redriven = 0;
      let stillParked = 0;
      for (const stream of streams) {
        const result = await redriveStream(projection, stream);
        redriven += result.redriven;
        stillParked += result.stillParked;
        if (result.failure) failures.push(result.failure);
      }
      return { redriven, stillParked, failures };
    },
  };
};

export type ParkingOperator = ReturnType<typeof parkingOperator>;
