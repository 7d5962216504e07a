import { DatabaseError, type Pool } from 'pg';

import {
  appendMany,
  findAppendManyResult,
  hashStreamAppends,
  type AppendManyOptions,
  type AppendManyResult,
  type StreamAppend,
} from './append-many';
import {
  appendResultOf,
  prepareAppend,
  sendAppend,
  translateAppendError,
  type AppendContext,
  type AppendRow,
  type Queryable,
} from './append-one';
import { DeadlineExceeded, IdempotencyKeyConflict } from './errors';
import { GroupCommit, type GroupCommitOptions, type GroupCommitStats } from './group-commit';
import { notifyChannel, quoteSchema } from './migrations';
import {
  subscribe,
  type Subscription,
  type SubscribeOptions,
  type BatchHandler,
} from './subscribe';
import {
  START,
  categoryOf,
  type AppendOptions,
  type AppendResult,
  type Checkpoint,
  type EventCodec,
  type EventMetadata,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type RecordedEvent,
  type Snapshot,
} from './types';
import { currentSchemaVersion, upcast, type Upcasters } from './upcasters';
import { statementName } from './statement-name';

/** Below this much time left, an append's statement is cut exactly at the caller's deadline. */
export const EXACT_DEADLINE_BELOW_MS = 1_000;

export interface EventStoreOptions {
  readonly pool: Pool;
  /** The bounded context's schema (`accounts`…), prepared by `migrate`. */
  readonly schema: string;
  readonly upcasters?: Upcasters;
  /**
   * Seals personal fields at append and opens them at read (libs/privacy). Without one, data is
   * stored and read as given: a store without a codec reads sealed values as they are stored.
   */
  readonly codec?: EventCodec;
  /**
   * Group commit (ADR 0033): appends that find the pool busy share one round trip and one commit.
   * Off unless given (`true` for the defaults).
   */
  readonly groupCommit?: boolean | GroupCommitOptions;
}

interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
}

/** Under load, at most one NOTIFY per this interval per store instance. */
const NOTIFY_INTERVAL_MS = 5;

const EVENT_COLUMNS = `global_position, transaction_id, stream_id, stream_version, event_id,
  event_type, schema_version, data, metadata, recorded_at`;

/** Event types and data fields that may be written into SQL as literals. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

const HOUR_MS = 3_600_000;
const MIN_KEY_RETENTION_MS = 24 * HOUR_MS;
const DEFAULT_KEY_RETENTION_MS = 7 * 24 * HOUR_MS;
const DEFAULT_SAGA_KEY_RETENTION_MS = 30 * 24 * HOUR_MS;
/** Idempotency keys of saga steps start with this (libs/sagas `idempotencyKeyOf`). */
export const SAGA_KEY_PREFIX = 'saga:';

export interface PruneIdempotencyKeysOptions {
  /** Keys of clients' requests older than this are deleted (default 7 days, at least 24 h). */
  readonly olderThanMs?: number;
  /** Keys of saga steps older than this (default 30 days, at least `olderThanMs`). */
  readonly sagaKeysOlderThanMs?: number;
  /** Rows per DELETE statement (default 1,000). */
  readonly batchSize?: number;
  /** Stop after this many batches per kind of key (default: until none is left). */
  readonly maxBatches?: number;
}

export interface PrunedIdempotencyKeys {
  readonly clientKeys: number;
  readonly sagaKeys: number;
}

/** backlog() stops counting here: lag beyond a million events is reported as a million. */
const BACKLOG_COUNT_CAP = 1_000_000;

/**
 * The Postgres event store of one bounded context. Appends are a single call of the
 * `append_events` function (one round trip); reads of the global log are gap-safe (ADR 0004).
 */
export class PostgresEventStore {
  readonly schema: string;
  /** LISTEN on this channel to be woken after appends. */
  readonly channel: string;
  private readonly pool: Pool;
  private readonly upcasters: Upcasters;
  private readonly codec: EventCodec | undefined;
  private readonly s: string;
  private notifyPending = false;
  private lastNotifyAt = 0;
  private readonly ctx: AppendContext;
  private readonly group: GroupCommit | undefined;

  constructor({ pool, schema, upcasters = {}, codec, groupCommit }: EventStoreOptions) {
    this.codec = codec;
    this.s = quoteSchema(schema);
    this.pool = pool;
    this.schema = schema;
    this.channel = notifyChannel(schema);
    this.upcasters = upcasters;
    this.ctx = { s: this.s, schema, upcasters, codec };
    this.group = groupCommit
      ? new GroupCommit(pool, this.ctx, groupCommit === true ? {} : groupCommit)
      : undefined;
  }

  /** How many appends went out together; undefined without group commit. */
  get groupCommitStats(): GroupCommitStats | undefined {
    return this.group?.stats;
  }

  /**
   * Appends atomically in its own transaction, then wakes subscribers. With `options.deadline`
   * nothing is appended once it has passed, and the statement is cut at it (see AppendOptions).
   */
  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const { deadline } = options;
    if (deadline !== undefined && deadline.getTime() <= Date.now())
      throw new DeadlineExceeded(streamId, deadline);
    // Bounding the statement by the deadline costs two round trips: only worth it when little
    // is left. With more, the check above and the pool's statement_timeout bound the append.
    const leftMs = deadline === undefined ? Infinity : deadline.getTime() - Date.now();
    const result =
      leftMs < Math.min(EXACT_DEADLINE_BELOW_MS, this.poolStatementTimeoutMs())
        ? await this.appendBefore(deadline as Date, streamId, events, options)
        : await this.runAppend(this.group ?? this.pool, streamId, events, options, false);
    if (!result.replayed) this.announce();
    return result;
  }

  /**
   * Appends to several streams in one transaction (ADR 0022): each stream checked against its own
   * expected version, all or nothing, one idempotency key for the whole call.
   */
  async appendMany(
    appends: readonly StreamAppend[],
    options: AppendManyOptions = {},
  ): Promise<AppendManyResult> {
    // Personal fields are sealed per stream as in `append`; the request hash is taken over what
    // the caller gave (sealing draws fresh IVs), and what comes back is opened again.
    const idempotency = options.idempotency && {
      ...options.idempotency,
      requestHash: options.idempotency.requestHash ?? hashStreamAppends(appends),
    };
    const stored = this.codec
      ? await Promise.all(
          appends.map(async (a) => ({
            ...a,
            events: await this.codec!.seal(a.streamId, a.events),
          })),
        )
      : appends;
    const result = await appendMany(
      this.pool,
      { s: this.s, schema: this.schema, upcasters: this.upcasters },
      stored,
      { ...options, ...(idempotency && { idempotency }) },
    );
    if (!result.replayed) this.announce();
    return this.codec ? this.openedStreams(result) : result;
  }

  private async openedStreams<Result extends { streams: readonly AppendResult[] }>(
    result: Result,
  ): Promise<Result> {
    const streams = await Promise.all(
      result.streams.map(async (stream) => ({
        ...stream,
        events: await this.opened([...stream.events]),
      })),
    );
    return { ...result, streams };
  }

  /** What an appendMany with this key recorded; see findIdempotentResult. */
  findAppendManyResult(
    category: string,
    idempotency: { key: string; requestHash: string },
  ): Promise<AppendManyResult | undefined> {
    return findAppendManyResult(
      this.pool,
      { s: this.s, upcasters: this.upcasters },
      category,
      idempotency,
    ).then((found) => (found && this.codec ? this.openedStreams(found) : found));
  }

  /** The pool's statement_timeout in ms; Infinity when it sets none. */
  private poolStatementTimeoutMs(): number {
    const { statement_timeout: timeout } =
      (this.pool as { options?: { statement_timeout?: unknown } }).options ?? {};
    return typeof timeout === 'number' && timeout > 0 ? timeout : Infinity;
  }

  /**
   * The append in a transaction whose statement_timeout is the time left before `deadline`: a
   * statement still running then is cancelled and rolls back, so nothing lands after the caller
   * gave up. Costs two extra round trips (BEGIN/SET LOCAL, COMMIT), so only when less than
   * EXACT_DEADLINE_BELOW_MS (and less than the pool's own timeout) is left.
   */
  private async appendBefore(
    deadline: Date,
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const client = await this.pool.connect();
    // The wait for a connection may have used up what was left.
    const leftMs = Math.ceil(deadline.getTime() - Date.now());
    if (leftMs <= 0) {
      client.release();
      throw new DeadlineExceeded(streamId, deadline);
    }
    let broken: Error | undefined;
    try {
      await client.query(`BEGIN; SET LOCAL statement_timeout = ${leftMs}`);
      const result = await this.runAppend(client, streamId, events, options, false);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      // 57014: our statement_timeout (the deadline) cancelled the statement; it rolled back.
      if (error instanceof DatabaseError && error.code === '57014')
        throw new DeadlineExceeded(streamId, deadline, { cause: error });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * Appends inside the caller's open transaction (BEGIN issued, COMMIT/ROLLBACK theirs). It must be
   * the transaction's first write; subscribers are notified when it commits.
   */
  appendInTransaction(
    client: Queryable,
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    return this.runAppend(client, streamId, events, options, true);
  }

  /** Alone on `db`, or through group commit, which may send it with others in one call. */
  private async runAppend(
    db: Queryable | GroupCommit,
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
    notifyInTransaction: boolean,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`append to ${streamId}: no events`);
    const { deadline } = options;
    // The last moment to refuse: a command whose caller has given up is not recorded.
    if (deadline !== undefined && deadline.getTime() <= Date.now())
      throw new DeadlineExceeded(streamId, deadline);
    const prepared = await prepareAppend(this.ctx, streamId, events, options);
    let rows: AppendRow[];
    try {
      rows =
        db instanceof GroupCommit
          ? await db.append(prepared, deadline)
          : await sendAppend(db, this.ctx, prepared, notifyInTransaction);
    } catch (error) {
      throw translateAppendError(error, prepared);
    }
    return appendResultOf(this.ctx, prepared, rows);
  }

  /**
   * Wakes LISTENers after a commit. NOTIFY inside the appending transaction would serialise every
   * commit on Postgres' notify queue lock (ADR 0004), so it is sent afterwards, coalesced and
   * throttled: the first append after a quiet spell notifies at once, later ones at most once per
   * NOTIFY_INTERVAL_MS. The notifying transaction commits asynchronously: it carries no data.
   */
  private announce(): void {
    if (this.notifyPending) return;
    this.notifyPending = true;
    const wait = this.lastNotifyAt + NOTIFY_INTERVAL_MS - Date.now();
    const send = (): void => {
      this.notifyPending = false;
      this.lastNotifyAt = Date.now();
      this.pool
        .query(`SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, '')`, [
          this.channel,
        ])
        .catch(() => undefined); // subscribers fall back to polling
    };
    if (wait <= 0) send();
    else setTimeout(send, wait).unref();
  }

  /** The events of one stream by version; an unknown stream reads as empty. */
  async readStream(
    streamId: string,
    { from, direction = 'forward', limit }: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    const forward = direction === 'forward';
    const { rows } = await this.pool.query<EventRow>({
      name: statementName(`event-store:${this.schema}:read-stream:${direction}`),
      text: `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
        WHERE stream_id = $1 AND stream_version ${forward ? '>=' : '<='} $2
        ORDER BY stream_version ${forward ? 'ASC' : 'DESC'}
        LIMIT $3`,
      values: [streamId, from ?? (forward ? 1 : 2_147_483_647), limit ?? null],
    });
    return this.opened(rows.map((row) => this.toRecorded(row)));
  }

  /**
   * Whether the stream holds an event of `type` whose data field `field` equals `value` (as text).
   * Type and field are written into the SQL as literals so that an expression index a context
   * declares on them (e.g. a partial unique index) can serve it; they must be plain names.
   */
  async streamHasEvent(
    streamId: string,
    { type, field, value }: { type: string; field: string; value: string },
  ): Promise<boolean> {
    if (!PLAIN_NAME.test(type) || !PLAIN_NAME.test(field)) {
      throw new RangeError(`streamHasEvent: "${type}" and "${field}" must be plain names`);
    }
    const { rows } = await this.pool.query<{ found: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM ${this.s}.events
          WHERE stream_id = $1 AND event_type = '${type}' AND (data ->> '${field}') = $2
       ) AS found`,
      [streamId, value],
    );
    return rows[0]?.found ?? false;
  }

  /** The stream's current version, 0 when it has no events. */
  async streamVersion(streamId: string): Promise<number> {
    const { rows } = await this.pool.query<{ version: number }>(
      `SELECT version FROM ${this.s}.streams WHERE stream_id = $1`,
      [streamId],
    );
    return rows[0]?.version ?? 0;
  }

  /**
   * The global log after `after`, in (transactionId, position) order. Only events of transactions
   * older than every transaction still running are returned, so an event that commits later can
   * never sort before one already handed out: no skips, each event exactly once.
   */
  async readAll({
    after = START,
    limit = 500,
    categories,
  }: ReadAllOptions = {}): Promise<ReadAllResult> {
    const params: unknown[] = [after.transactionId, after.position, limit];
    if (categories) params.push(categories);
    const { rows } = await this.pool.query<EventRow>({
      name: statementName(`event-store:${this.schema}:read-all${categories ? ':categories' : ''}`),
      text: `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          ${categories ? 'AND stream_category = ANY($4::text[])' : ''}
        ORDER BY transaction_id, global_position
        LIMIT $3`,
      values: params,
    });
    const events = await this.opened(rows.map((row) => this.toRecorded(row)));
    const last = events[events.length - 1];
    return {
      events,
      checkpoint: last
        ? { transactionId: last.transactionId, position: last.globalPosition }
        : after,
    };
  }

  /**
   * Whether committed events exist after `after`, readable or not. When readAll returns nothing but
   * this is true, an older transaction still holds the readable horizon back.
   */
  async hasEventsAfter(
    after: Checkpoint,
    { categories }: Pick<ReadAllOptions, 'categories'> = {},
  ): Promise<boolean> {
    const params: unknown[] = [after.transactionId, after.position];
    if (categories) params.push(categories);
    const { rows } = await this.pool.query<{ found: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM ${this.s}.events
          WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
            ${categories ? 'AND stream_category = ANY($3::text[])' : ''}
       ) AS found`,
      params,
    );
    return rows[0]?.found ?? false;
  }

  /**
   * How far a reader at `after` is behind: committed events past it (counted up to a cap, so a
   * huge backlog stays cheap) and the age in seconds of the oldest of them (0 when caught up).
   */
  async backlog(
    after: Checkpoint,
    { categories }: Pick<ReadAllOptions, 'categories'> = {},
  ): Promise<{ events: number; seconds: number }> {
    const params: unknown[] = [after.transactionId, after.position];
    if (categories) params.push(categories);
    const { rows } = await this.pool.query<{ events: string; oldest: Date | null }>(
      `WITH pending AS (
         SELECT recorded_at FROM ${this.s}.events
          WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
            ${categories ? 'AND stream_category = ANY($3::text[])' : ''}
          LIMIT ${BACKLOG_COUNT_CAP})
       SELECT count(*) AS events, min(recorded_at) AS oldest FROM pending`,
      params,
    );
    const oldest = rows[0]?.oldest;
    return {
      events: Number(rows[0]?.events ?? 0),
      seconds: oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1_000) : 0,
    };
  }

  /** The checkpoint of the last event readAll can currently return (START when none): for lag. */
  async headCheckpoint(): Promise<Checkpoint> {
    const { rows } = await this.pool.query<{ transaction_id: string; global_position: string }>(
      `SELECT transaction_id, global_position FROM ${this.s}.events
        WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    );
    const row = rows[0];
    return row
      ? { transactionId: row.transaction_id, position: Number(row.global_position) }
      : START;
  }

  /** The highest global position written so far (committed or in flight), 0 when empty. */
  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ position: string | null }>(
      `SELECT max(global_position) AS position FROM ${this.s}.events`,
    );
    return Number(rows[0]?.position ?? 0);
  }

  /** Catch-up then live delivery of the global log; see `subscribe`. */
  subscribe(options: SubscribeOptions, handler: BatchHandler): Subscription {
    return subscribe(this, this.pool, options, handler);
  }

  /**
   * The result of an earlier append made with this idempotency key, or undefined when the key is
   * unused. Throws IdempotencyKeyConflict when the key was used for a different request.
   */
  async findIdempotentResult(
    streamId: string,
    { key, requestHash }: { key: string; requestHash: string },
  ): Promise<AppendResult | undefined> {
    const category = categoryOf(streamId);
    const { rows } = await this.pool.query<{
      request_hash: string;
      result: { streamId: string; firstVersion: number; nextVersion: number };
    }>(
      `SELECT request_hash, result FROM ${this.s}.idempotency_keys WHERE category = $1 AND key = $2`,
      [category, key],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.request_hash !== requestHash) throw new IdempotencyKeyConflict(category, key);
    const { firstVersion, nextVersion } = row.result;
    const events = await this.readStream(row.result.streamId, {
      from: firstVersion,
      limit: nextVersion - firstVersion + 1,
    });
    const last = events[events.length - 1];
    if (!last) throw new Error(`idempotency key ${key}: its events are missing`);
    return {
      streamId: row.result.streamId,
      firstVersion,
      nextVersion,
      position: last.globalPosition,
      transactionId: last.transactionId,
      events,
      replayed: true,
    };
  }

  /**
   * Deletes expired idempotency keys in batches of `batchSize`, each its own short statement (no
   * long transaction, no xid held between batches). Rows another pruner is deleting are skipped
   * (`SKIP LOCKED`), so replicas may prune side by side. Saga keys (`saga:` prefix) have their
   * own, longer retention: an operator may retry a saga's step long after it first ran.
   */
  async pruneIdempotencyKeys({
    olderThanMs = DEFAULT_KEY_RETENTION_MS,
    sagaKeysOlderThanMs = Math.max(olderThanMs, DEFAULT_SAGA_KEY_RETENTION_MS),
    batchSize = 1_000,
    maxBatches = Number.POSITIVE_INFINITY,
  }: PruneIdempotencyKeysOptions = {}): Promise<PrunedIdempotencyKeys> {
    if (olderThanMs < MIN_KEY_RETENTION_MS) {
      throw new RangeError('idempotency keys are kept at least 24 hours');
    }
    if (sagaKeysOlderThanMs < olderThanMs) {
      throw new RangeError("saga idempotency keys are kept at least as long as clients' keys");
    }
    // The predicates repeat the partial index's literally, so the planner can use it.
    const clientKeys = await this.pruneInBatches(
      `key NOT LIKE '${SAGA_KEY_PREFIX}%'`,
      olderThanMs,
      batchSize,
      maxBatches,
    );
    const sagaKeys = await this.pruneInBatches(
      `key LIKE '${SAGA_KEY_PREFIX}%'`,
      sagaKeysOlderThanMs,
      batchSize,
      maxBatches,
    );
    return { clientKeys, sagaKeys };
  }

  private async pruneInBatches(
    which: string,
    olderThanMs: number,
    batchSize: number,
    maxBatches: number,
  ): Promise<number> {
    let pruned = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const result = await this.pool.query(
        `DELETE FROM ${this.s}.idempotency_keys
          WHERE ctid = ANY (ARRAY(
            SELECT ctid FROM ${this.s}.idempotency_keys
             WHERE ${which}
               AND created_at < now() - make_interval(secs => $1::double precision / 1000)
             ORDER BY created_at
             LIMIT $2
             FOR UPDATE SKIP LOCKED))`,
        [olderThanMs, batchSize],
      );
      const deleted = result.rowCount ?? 0;
      pruned += deleted;
      if (deleted < batchSize) break;
    }
    return pruned;
  }

  /** The latest snapshot of a stream, ignored when taken for another shape of state. */
  async loadSnapshot<State>(
    streamId: string,
    stateVersion: number,
  ): Promise<Snapshot<State> | undefined> {
    const { rows } = await this.pool.query<{ version: number; position: string; state: State }>(
      `SELECT version, position, state FROM ${this.s}.snapshots
        WHERE stream_id = $1 AND state_version = $2`,
      [streamId, stateVersion],
    );
    const row = rows[0];
    return row
      ? { version: row.version, position: Number(row.position), state: row.state }
      : undefined;
  }

  /** Stores a snapshot unless a newer one of the same state shape is already there. */
  async saveSnapshot<State>(
    streamId: string,
    stateVersion: number,
    snapshot: Snapshot<State>,
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.snapshots AS s (stream_id, version, position, state, state_version)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (stream_id) DO UPDATE
         SET version = excluded.version, position = excluded.position, state = excluded.state,
             state_version = excluded.state_version, taken_at = now()
         WHERE s.state_version <> excluded.state_version OR s.version < excluded.version`,
      [streamId, snapshot.version, snapshot.position, JSON.stringify(snapshot.state), stateVersion],
    );
  }

  /** Events as readers see them: personal fields opened (or redacted) by the codec. */
  private async opened(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    return this.codec ? [...(await this.codec.open(events))] : events;
  }

  private toRecorded(row: EventRow): RecordedEvent {
    return {
      type: row.event_type,
      data: upcast(this.upcasters, row.event_type, row.schema_version, row.data),
      eventId: row.event_id,
      streamId: row.stream_id,
      streamVersion: row.stream_version,
      globalPosition: Number(row.global_position),
      transactionId: row.transaction_id,
      schemaVersion: currentSchemaVersion(this.upcasters, row.event_type),
      metadata: row.metadata,
      recordedAt: row.recorded_at,
    };
  }
}
