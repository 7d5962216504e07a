import { type Checkpoint } from '@ledgerline/event-store';
import { type Pool } from 'pg';

export interface RelayLag {
  /** Committed events not yet published (counted up to a cap, so a huge backlog stays cheap). */
  readonly events: number;
  /** Age of the oldest unpublished event, 0 when caught up. */
  readonly seconds: number;
}

const COUNT_CAP = 1_000_000;

export const measureLag = async (
  pool: Pool,
  schema: string,
  categories: readonly string[],
  checkpoint: Checkpoint,
): Promise<RelayLag> => {
  const { rows } = await pool.query<{ events: string; oldest: Date | null }>(
    `WITH pending AS (
       SELECT recorded_at FROM "${schema}".events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND stream_category = ANY($3::text[])
        LIMIT ${COUNT_CAP})
     SELECT count(*) AS events, min(recorded_at) AS oldest FROM pending`,
    [checkpoint.transactionId, checkpoint.position, categories],
  );
  const row = rows[0];
  const oldest = row?.oldest;
  return {
    events: Number(row?.events ?? 0),
    seconds: oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1_000) : 0,
  };
};
