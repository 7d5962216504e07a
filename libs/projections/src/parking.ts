import { type IncomingMessage } from '@ledgerline/messaging';
import { type Pool } from 'pg';
import { decideEvent } from './decisions';
import { errorText, toDelivery } from './delivery';
import { type TableNames } from './projection';
import { type ParkedEvent, RuntimeState } from './runtime-state';
import { type AnyProjection, openSession, type SessionDeps } from './sinks/session';

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
 * projection's current handlers, per stream in version order, each stream in one transaction
 * holding the same stream lock live delivery takes, so nothing overtakes or slips in between.
 */
export const parkingOperator = (settings: ParkingSettings) => {
  const state = new RuntimeState(settings.schema);

  const redriveStream = async <Tables extends TableNames>(
    projection: AnyProjection<Tables>,
    streamId: string,
  ): Promise<{ redriven: number; stillParked: number; failure?: RedriveResult['failures'][0] }> => {
    const client = await settings.pool.connect();
    let redriven = 0;
    try {
      await client.query('BEGIN');
      const versions = await state.lockStreams(client, projection.name, [streamId]);
      let applied = versions.get(streamId) ?? 0;
      const rows = await state.listParked(client, projection.name, streamId);
      let failure: RedriveResult['failures'][0] | undefined;
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
            const session = openSession(projection, client, settings);
            const result = await session.apply(0, event, handler);
            const rejected = result.ok ? (await session.flush()).get(0) : result.error;
            if (rejected !== undefined) error = rejected;
          }
          if (error === undefined) applied = Math.max(applied, event.streamVersion);
        }
        if (error !== undefined) {
          await state.markParked(client, row.id, error);
          failure = { streamId, version: row.version, error };
          break;
        }
        await state.unpark(client, row.id);
        redriven += 1;
      }
      await state.saveVersions(client, projection.name, new Map([[streamId, applied]]));
      await client.query('COMMIT');
      return {
        redriven,
        stillParked: rows.length - redriven,
        ...(failure ? { failure } : {}),
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
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
