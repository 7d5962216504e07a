import { type Checkpoint, maySetUpSchema } from '@ledgerline/event-store';
import { type Pool, type PoolClient } from 'pg';

/**
 * The runtime's own tables, in a schema it is given, beside the views it writes (so the view's
 * rows and the checkpoints commit in one transaction):
 * - `projection_streams`: last applied version per (projection, stream); also the lock that
 *   serialises a stream between replicas, and between live delivery and a redrive.
 * - `projection_offsets`: last applied offset per (projection, topic, partition), where a replica
 *   seeks on assignment; `seek_to` when a reset moved it back (the replica reading the partition
 *   seeks there before it applies anything more); plus the newest applied event's global position and time, for lag; plus
 *   the greatest (transaction id, position) of any event at or below the offset, which lets a query
 *   prove the partition holds nothing unapplied at or below a consistency token (ADR 0009).
 * - `projection_parked`: poison events and the events of their streams waiting behind them, and
 *   whether each went out to the dead-letter topic yet.
 */
export const migrateRuntime = async (pool: Pool, schema: string): Promise<void> => {
  // A service's own role may not change the schema: `platform db migrate` did, as its owner.
  if (!(await maySetUpSchema(pool, schema))) return;
  const s = `"${schema}"`;
  const literal = `'${schema.replaceAll("'", "''")}'`;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Concurrent start-ups of several replicas would race on CREATE ... IF NOT EXISTS.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`projections:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${s}.projection_streams (
        projection text NOT NULL,
        stream_id text NOT NULL,
        version bigint NOT NULL,
        PRIMARY KEY (projection, stream_id));
      CREATE TABLE IF NOT EXISTS ${s}.projection_offsets (
        projection text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        position bigint,
        event_time timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, topic, partition));
      ALTER TABLE ${s}.projection_offsets
        ADD COLUMN IF NOT EXISTS checkpoint_transaction_id xid8,
        ADD COLUMN IF NOT EXISTS checkpoint_position bigint,
        ADD COLUMN IF NOT EXISTS seek_to bigint;
      CREATE TABLE IF NOT EXISTS ${s}.projection_parked (
        id bigserial PRIMARY KEY,
        projection text NOT NULL,
        stream_id text NOT NULL,
        version bigint,
        event_id text,
        type text,
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        dedup_key text NOT NULL,
        payload bytea,
        headers jsonb NOT NULL,
        error text NOT NULL,
        attempts int NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL CHECK (status IN ('parked', 'waiting')),
        UNIQUE (projection, dedup_key));
      CREATE INDEX IF NOT EXISTS projection_parked_stream
        ON ${s}.projection_parked (projection, stream_id, version);
      -- When the parked event went to the dead-letter topic (NULL: not yet): the send happens
      -- after the parking commits, never inside it. Rows parked before the column existed were
      -- sent inside their transaction, so they take the migration's time.
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                        WHERE table_schema = ${literal} AND table_name = 'projection_parked'
                          AND column_name = 'dead_lettered_at') THEN
          ALTER TABLE ${s}.projection_parked ADD COLUMN dead_lettered_at timestamptz DEFAULT now();
          ALTER TABLE ${s}.projection_parked ALTER COLUMN dead_lettered_at DROP DEFAULT;
        END IF;
      END $$;
      CREATE INDEX IF NOT EXISTS projection_parked_unsent
        ON ${s}.projection_parked (projection, id) WHERE dead_lettered_at IS NULL;`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

export interface AppliedOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly position: number | null;
  readonly eventTime: Date | null;
  /**
   * The greatest checkpoint of the events at or below `offset`, whatever became of them (applied,
   * duplicate, skipped or parked); null before any event carrying one was seen.
   */
  readonly checkpoint: Checkpoint | null;
}

export interface ParkedRow {
  readonly streamId: string;
  readonly version: number | null;
  readonly eventId: string | null;
  readonly type: string | null;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly payload: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly error: string;
  readonly attempts: number;
  readonly status: 'parked' | 'waiting';
}

export interface ParkedEvent extends ParkedRow {
  readonly id: string;
  readonly parkedAt: Date;
}

/** Queries on the runtime tables of one schema. */
export class RuntimeState {
  private readonly s: string;

  constructor(readonly schema: string) {
    this.s = `"${schema}"`;
  }

  /**
   * Locks the partition's checkpoint row for the transaction and returns the applied offset, and
   * where a reset wants the partition read from next (`seekTo`), if it does.
   */
  async lockOffset(
    client: PoolClient,
    projection: string,
    topic: string,
    partition: number,
  ): Promise<{ applied: bigint | undefined; seekTo: bigint | undefined }> {
    // One round trip: the no-op update of an existing row locks it like FOR UPDATE would.
    const { rows } = await client.query<{ offset: string; seek_to: string | null }>(
      `INSERT INTO ${this.s}.projection_offsets AS o (projection, topic, partition, "offset")
       VALUES ($1, $2, $3, -1)
       ON CONFLICT (projection, topic, partition) DO UPDATE SET "offset" = o."offset"
       RETURNING "offset", seek_to`,
      [projection, topic, partition],
    );
    const offset = rows[0]?.offset;
    const seekTo = rows[0]?.seek_to;
    return {
      applied: offset === undefined || offset === '-1' ? undefined : BigInt(offset),
      seekTo: seekTo === null || seekTo === undefined ? undefined : BigInt(seekTo),
    };
  }

  /**
   * The partition's applied offset and reset request, read without a lock (and without taking a
   * transaction id): an Elasticsearch batch reads this before it writes, and checks it again under
   * the lock when it records (`lockOffset`).
   */
  async peekOffset(
    queryable: Pool | PoolClient,
    projection: string,
    topic: string,
    partition: number,
  ): Promise<{ applied: bigint | undefined; seekTo: bigint | undefined }> {
    const { rows } = await queryable.query<{ offset: string; seek_to: string | null }>(
      `SELECT "offset", seek_to FROM ${this.s}.projection_offsets
        WHERE projection = $1 AND topic = $2 AND partition = $3`,
      [projection, topic, partition],
    );
    const offset = rows[0]?.offset;
    const seekTo = rows[0]?.seek_to;
    return {
      applied: offset === undefined || offset === '-1' ? undefined : BigInt(offset),
      seekTo: seekTo === null || seekTo === undefined ? undefined : BigInt(seekTo),
    };
  }

  /** Partitions a reset asked to be read again, and from where. */
  async pendingSeeks(
    queryable: Pool | PoolClient,
    projection: string,
  ): Promise<{ topic: string; partition: number; offset: string }[]> {
    const { rows } = await queryable.query<{ topic: string; partition: number; seek_to: string }>(
      `SELECT topic, partition, seek_to FROM ${this.s}.projection_offsets
        WHERE projection = $1 AND seek_to IS NOT NULL`,
      [projection],
    );
    return rows.map((row) => ({ topic: row.topic, partition: row.partition, offset: row.seek_to }));
  }

  /** The partition is being read from where the reset wanted: the request is done. */
  async clearSeek(
    client: PoolClient,
    projection: string,
    topic: string,
    partition: number,
  ): Promise<void> {
    await client.query(
      `UPDATE ${this.s}.projection_offsets SET seek_to = NULL
        WHERE projection = $1 AND topic = $2 AND partition = $3`,
      [projection, topic, partition],
    );
  }

  /**
   * A reset's bookkeeping, in the transaction that replaced the view (the caller holds every
   * offset row's lock): each partition is to be read again from `from`, the stream versions are
   * forgotten (the caller writes what the new view holds) and so are parked events (they come
   * again from the broker, and park again if they still fail).
   */
  async rewind(
    client: PoolClient,
    projection: string,
    partitions: readonly { topic: string; partition: number; from: string }[],
  ): Promise<void> {
    await client.query(
      `INSERT INTO ${this.s}.projection_offsets AS o (projection, topic, partition, "offset", seek_to)
       SELECT $1, t, p, f - 1, f FROM unnest($2::text[], $3::int[], $4::bigint[]) AS r(t, p, f)
       ON CONFLICT (projection, topic, partition) DO UPDATE
         SET "offset" = excluded."offset", seek_to = excluded.seek_to, position = NULL,
             event_time = NULL, checkpoint_transaction_id = NULL, checkpoint_position = NULL,
             updated_at = now()`,
      [
        projection,
        partitions.map((p) => p.topic),
        partitions.map((p) => p.partition),
        partitions.map((p) => p.from),
      ],
    );
    await client.query(`DELETE FROM ${this.s}.projection_streams WHERE projection = $1`, [
      projection,
    ]);
    await client.query(`DELETE FROM ${this.s}.projection_parked WHERE projection = $1`, [
      projection,
    ]);
  }

  async saveOffset(
    client: PoolClient,
    projection: string,
    applied: {
      topic: string;
      partition: number;
      offset: string;
      newest: { position: number; time: string } | undefined;
      /** The greatest checkpoint among the batch's events; the row keeps the greater one. */
      greatest: Checkpoint | undefined;
    },
    /** Stream versions to save in the same statement (`saveVersions`): one round trip for both. */
    versions: ReadonlyMap<string, number> = new Map(),
  ): Promise<void> {
    const raises = `($7::xid8 IS NOT NULL AND (checkpoint_transaction_id IS NULL
      OR ($7::xid8, $8::bigint) > (checkpoint_transaction_id, checkpoint_position)))`;
    // The stream rows are locked by this transaction already (`lockStreams`), like the offset's.
    const saveVersions =
      versions.size === 0
        ? ''
        : `WITH saved_versions AS (
             UPDATE ${this.s}.projection_streams AS s SET version = GREATEST(s.version, v.version)
               FROM unnest($9::text[], $10::bigint[]) AS v(stream_id, version)
              WHERE s.projection = $1 AND s.stream_id = v.stream_id)
           `;
    await client.query(
      `${saveVersions}UPDATE ${this.s}.projection_offsets
          SET "offset" = GREATEST("offset", $4::bigint),
              -- Monotonic, like the offset: a member that lost the partition in a rebalance
              -- may record an older batch after the new owner recorded a newer one.
              position = CASE WHEN $5::bigint > COALESCE(position, -1) THEN $5 ELSE position END,
              event_time = CASE WHEN $5::bigint > COALESCE(position, -1) THEN $6::timestamptz
                                ELSE event_time END,
              checkpoint_transaction_id =
                CASE WHEN ${raises} THEN $7::xid8 ELSE checkpoint_transaction_id END,
              checkpoint_position = CASE WHEN ${raises} THEN $8::bigint ELSE checkpoint_position END,
              updated_at = now()
        WHERE projection = $1 AND topic = $2 AND partition = $3`,
      [
        projection,
        applied.topic,
        applied.partition,
        applied.offset,
        applied.newest?.position ?? null,
        applied.newest?.time ?? null,
        applied.greatest?.transactionId ?? null,
        applied.greatest?.position ?? null,
        ...(versions.size === 0 ? [] : [[...versions.keys()], [...versions.values()]]),
      ],
    );
  }

  /**
   * Starts a projection that has never consumed `topic` at the topic's current end: each
   * partition's checkpoint is set just below `ends` (the offsets the next messages will get).
   * Does nothing once the projection has any checkpoint on the topic, so a restart never skips
   * what arrived while it was down. Returns whether it set the checkpoints.
   */
  async startAtEnd(
    pool: Pool,
    projection: string,
    topic: string,
    ends: readonly { partition: number; offset: string }[],
  ): Promise<boolean> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `projection-start:${projection}:${topic}`,
      ]);
      const { rowCount } = await client.query(
        `SELECT 1 FROM ${this.s}.projection_offsets WHERE projection = $1 AND topic = $2 LIMIT 1`,
        [projection, topic],
      );
      const fresh = rowCount === 0;
      if (fresh)
        await client.query(
          `INSERT INTO ${this.s}.projection_offsets (projection, topic, partition, "offset")
           SELECT $1, $2, p, o - 1 FROM unnest($3::int[], $4::bigint[]) AS e(p, o)`,
          [projection, topic, ends.map((e) => e.partition), ends.map((e) => e.offset)],
        );
      await client.query('COMMIT');
      return fresh;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async appliedOffsets(queryable: Pool | PoolClient, projection: string): Promise<AppliedOffset[]> {
    const { rows } = await queryable.query<{
      topic: string;
      partition: number;
      offset: string;
      position: string | null;
      event_time: Date | null;
      checkpoint_transaction_id: string | null;
      checkpoint_position: string | null;
    }>(
      `SELECT topic, partition, "offset", position, event_time,
              checkpoint_transaction_id::text, checkpoint_position
         FROM ${this.s}.projection_offsets
        WHERE projection = $1 AND "offset" >= 0`,
      [projection],
    );
    return rows.map((row) => ({
      topic: row.topic,
      partition: row.partition,
      offset: row.offset,
      position: row.position === null ? null : Number(row.position),
      eventTime: row.event_time,
      checkpoint:
        row.checkpoint_transaction_id === null || row.checkpoint_position === null
          ? null
          : {
              transactionId: row.checkpoint_transaction_id,
              position: Number(row.checkpoint_position),
            },
    }));
  }

  /**
   * Locks the streams' rows for the transaction (creating them at version 0) in a fixed order, so
   * two replicas briefly sharing a partition during a rebalance, or a redrive, serialise instead of
   * applying the same event twice. Returns each stream's applied version.
   */
  async lockStreams(
    client: PoolClient,
    projection: string,
    streamIds: readonly string[],
  ): Promise<Map<string, number>> {
    const sorted = [...new Set(streamIds)].sort();
    if (sorted.length === 0) return new Map();
    // One round trip: rows are inserted or locked (the no-op update) in stream id order.
    const { rows } = await client.query<{ stream_id: string; version: string }>(
      `INSERT INTO ${this.s}.projection_streams AS s (projection, stream_id, version)
       SELECT $1, id, 0 FROM unnest($2::text[]) AS id ORDER BY id
       ON CONFLICT (projection, stream_id) DO UPDATE SET version = s.version
       RETURNING stream_id, version`,
      [projection, sorted],
    );
    return new Map(rows.map((row) => [row.stream_id, Number(row.version)]));
  }

  /** The streams' applied versions, read without locking them (absent: none applied). */
  async streamVersions(
    queryable: Pool | PoolClient,
    projection: string,
    streamIds: readonly string[],
  ): Promise<Map<string, number>> {
    if (streamIds.length === 0) return new Map();
    const { rows } = await queryable.query<{ stream_id: string; version: string }>(
      `SELECT stream_id, version FROM ${this.s}.projection_streams
        WHERE projection = $1 AND stream_id = ANY($2::text[])`,
      [projection, [...new Set(streamIds)]],
    );
    return new Map(rows.map((row) => [row.stream_id, Number(row.version)]));
  }

  /** The stream's applied version (0 when none): a read of it has seen every event up to it. */
  async appliedVersion(
    queryable: Pool | PoolClient,
    projection: string,
    streamId: string,
  ): Promise<number> {
    const { rows } = await queryable.query<{ version: string }>(
      `SELECT version FROM ${this.s}.projection_streams WHERE projection = $1 AND stream_id = $2`,
      [projection, streamId],
    );
    return Number(rows[0]?.version ?? 0);
  }

  async saveVersions(
    client: PoolClient,
    projection: string,
    versions: ReadonlyMap<string, number>,
  ): Promise<void> {
    if (versions.size === 0) return;
    await client.query(
      `UPDATE ${this.s}.projection_streams AS s SET version = GREATEST(s.version, v.version)
         FROM unnest($2::text[], $3::bigint[]) AS v(stream_id, version)
        WHERE s.projection = $1 AND s.stream_id = v.stream_id`,
      [projection, [...versions.keys()], [...versions.values()]],
    );
  }

  /** Streams among `streamIds` with parked events: their next events wait behind them. */
  async blockedStreams(
    client: Pool | PoolClient,
    projection: string,
    streamIds: readonly string[],
  ): Promise<Set<string>> {
    if (streamIds.length === 0) return new Set();
    const { rows } = await client.query<{ stream_id: string }>(
      `SELECT DISTINCT stream_id FROM ${this.s}.projection_parked
        WHERE projection = $1 AND stream_id = ANY($2::text[])`,
      [projection, [...new Set(streamIds)]],
    );
    return new Set(rows.map((row) => row.stream_id));
  }

  async park(client: PoolClient, projection: string, rows: readonly ParkedRow[]): Promise<void> {
    for (const row of rows) {
      await client.query(
        `INSERT INTO ${this.s}.projection_parked (projection, stream_id, version, event_id, type,
           topic, partition, "offset", dedup_key, payload, headers, error, attempts, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         -- dead_lettered_at stays NULL: the message goes out once this row has committed.
         ON CONFLICT (projection, dedup_key) DO NOTHING`,
        [
          projection,
          row.streamId,
          row.version,
          row.eventId,
          row.type,
          row.topic,
          row.partition,
          row.offset,
          row.eventId ?? `${row.topic}/${row.partition}@${row.offset}`,
          row.payload,
          JSON.stringify(row.headers),
          row.error,
          row.attempts,
          row.status,
        ],
      );
    }
  }

  async listParked(
    queryable: Pool | PoolClient,
    projection: string,
    streamId?: string,
  ): Promise<ParkedEvent[]> {
    return this.parkedWhere(
      queryable,
      `projection = $1 AND ($2::text IS NULL OR stream_id = $2)
        ORDER BY stream_id, id -- arrival order = the order of the stream's partition`,
      [projection, streamId ?? null],
    );
  }

  /** Events parked (or waiting behind poison) now, across replicas: the metric's cheap count. */
  async countParked(queryable: Pool | PoolClient, projection: string): Promise<number> {
    const { rows } = await queryable.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.s}.projection_parked WHERE projection = $1`,
      [projection],
    );
    return rows[0]?.n ?? 0;
  }

  private async parkedWhere(
    queryable: Pool | PoolClient,
    condition: string,
    params: readonly unknown[],
  ): Promise<ParkedEvent[]> {
    const { rows } = await queryable.query<{
      id: string;
      stream_id: string;
      version: string | null;
      event_id: string | null;
      type: string | null;
      topic: string;
      partition: number;
      offset: string;
      payload: Buffer | null;
      headers: Record<string, string>;
      error: string;
      attempts: number;
      status: 'parked' | 'waiting';
      parked_at: Date;
    }>(
      `SELECT id, stream_id, version, event_id, type, topic, partition, "offset", payload, headers,
              error, attempts, status, parked_at
         FROM ${this.s}.projection_parked WHERE ${condition}`,
      [...params],
    );
    return rows.map((row) => ({
      id: row.id,
      streamId: row.stream_id,
      version: row.version === null ? null : Number(row.version),
      eventId: row.event_id,
      type: row.type,
      topic: row.topic,
      partition: row.partition,
      offset: row.offset,
      payload: row.payload,
      headers: row.headers,
      error: row.error,
      attempts: row.attempts,
      status: row.status,
      parkedAt: row.parked_at,
    }));
  }

  /** Parked rows whose dead-letter message has not gone out yet, oldest first. */
  async notDeadLettered(
    queryable: Pool | PoolClient,
    projection: string,
    limit: number,
  ): Promise<ParkedEvent[]> {
    return this.parkedWhere(
      queryable,
      'projection = $1 AND dead_lettered_at IS NULL ORDER BY id LIMIT $2',
      [projection, limit],
    );
  }

  async markDeadLettered(queryable: Pool | PoolClient, ids: readonly string[]): Promise<void> {
    await queryable.query(
      `UPDATE ${this.s}.projection_parked SET dead_lettered_at = now() WHERE id = ANY($1::bigint[])`,
      [ids],
    );
  }

  async unpark(client: PoolClient, id: string): Promise<void> {
    await client.query(`DELETE FROM ${this.s}.projection_parked WHERE id = $1`, [id]);
  }

  async markParked(client: PoolClient, id: string, error: string): Promise<void> {
    await client.query(
      `UPDATE ${this.s}.projection_parked
          SET status = 'parked', error = $2, attempts = attempts + 1 WHERE id = $1`,
      [id, error],
    );
  }
}
