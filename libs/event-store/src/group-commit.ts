import { DatabaseError, type Pool, type PoolClient } from 'pg';

import { sendAppend, type AppendContext, type AppendRow, type PreparedAppend } from './append-one';
import { DeadlineExceeded } from './errors';
import { statementName } from './statement-name';

/** At most this many appends per batch: each takes a subxid, and Postgres caches 64 per transaction. */
export const MAX_GROUP_ENTRIES = 64;

export interface GroupCommitOptions {
  /** Appends per batch, at most MAX_GROUP_ENTRIES (the default). */
  readonly maxEntries?: number;
  /**
   * The store's appends in flight at once (alone or as batches) before further ones wait and go
   * together; default the pool's size. Appends also wait whenever the pool has no idle connection.
   */
  readonly maxInFlight?: number;
}

export interface GroupCommitStats {
  /** Round trips of append_events_batch. */
  readonly batches: number;
  /** Appends that went in them. */
  readonly batchedAppends: number;
}

/** One row of append_events_batch in array mode: the entry, its append_events row, its error. */
type BatchRow = [
  entry: number,
  ...row: AppendRow,
  errorCode: string | null,
  errorMessage: string | null,
  errorDetail: string | null,
  errorConstraint: string | null,
];

interface Waiting {
  readonly append: PreparedAppend;
  readonly deadline: Date | undefined;
  resolve(rows: AppendRow[]): void;
  reject(error: unknown): void;
}

/** The error append_events would have raised, as pg would have handed it over. */
const errorOf = ([, , , , , , code, message, detail, constraint]: BatchRow): DatabaseError => {
  const error = new DatabaseError(message ?? 'append failed', 0, 'error');
  error.severity = 'ERROR';
  error.code = code ?? undefined;
  error.detail = detail ?? undefined;
  error.constraint = constraint ?? undefined;
  return error;
};

/**
 * Group commit of single-stream appends (ADR 0033). An append goes alone (append_events) when the
 * store has fewer than maxInFlight appends running and the pool has a connection to spare, so an
 * idle store adds no latency and no timer. Otherwise it waits; the next connection to come free
 * takes every waiting append (up to maxEntries) in one append_events_batch call: one round trip,
 * one commit, each append still succeeding or failing on its own.
 */
export class GroupCommit {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;
  private connecting = false;
  private batches = 0;
  private batchedAppends = 0;
  private readonly maxEntries: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly pool: Pool,
    private readonly ctx: AppendContext,
    options: GroupCommitOptions = {},
  ) {
    this.maxEntries = Math.min(
      MAX_GROUP_ENTRIES,
      Math.max(1, options.maxEntries ?? MAX_GROUP_ENTRIES),
    );
    this.maxInFlight = Math.max(1, options.maxInFlight ?? this.poolSize());
  }

  get stats(): GroupCommitStats {
    return { batches: this.batches, batchedAppends: this.batchedAppends };
  }

  /** The append's rows, or the error Postgres raised for it (untranslated), as if sent alone. */
  append(append: PreparedAppend, deadline: Date | undefined): Promise<AppendRow[]> {
    if (this.queue.length === 0 && !this.connecting && this.hasRoom()) {
      this.inFlight++;
      return sendAppend(this.pool, this.ctx, append, false).finally(() => this.done());
    }
    return new Promise<AppendRow[]>((resolve, reject) => {
      this.queue.push({ append, deadline, resolve, reject });
      this.kick();
    });
  }

  private poolSize(): number {
    const { max } = (this.pool as { options?: { max?: unknown } }).options ?? {};
    return typeof max === 'number' && max > 0 ? max : 10;
  }

  private hasRoom(): boolean {
    const { pool } = this;
    return (
      this.inFlight < this.maxInFlight &&
      pool.waitingCount === 0 &&
      (pool.idleCount > 0 || pool.totalCount < this.poolSize())
    );
  }

  private done(): void {
    this.inFlight--;
    this.kick();
  }

  /** One connection request at a time: whatever waits when it arrives goes together. */
  private kick(): void {
    if (this.connecting || this.queue.length === 0 || this.inFlight >= this.maxInFlight) return;
    this.connecting = true;
    this.inFlight++;
    this.pool.connect().then(
      (client) => {
        this.connecting = false;
        const group = this.queue.splice(0, this.maxEntries);
        // More than one batch waiting: the next may go on another connection straight away.
        this.kick();
        // send() settles every caller itself and never rejects.
        void this.send(client, group).finally(() => this.done());
      },
      (error: unknown) => {
        this.connecting = false;
        for (const waiting of this.queue.splice(0)) waiting.reject(error);
        this.done();
      },
    );
  }

  private async send(client: PoolClient, group: Waiting[]): Promise<void> {
    // The last moment to refuse, as alone: a caller who has given up is not recorded.
    const now = Date.now();
    const live = group.filter((waiting) => {
      const expired = waiting.deadline !== undefined && waiting.deadline.getTime() <= now;
      if (expired) waiting.reject(new DeadlineExceeded(waiting.append.streamId, waiting.deadline));
      return !expired;
    });
    let broken: Error | undefined;
    try {
      if (live.length === 1) {
        const [only] = live as [Waiting];
        only.resolve(await sendAppend(client, this.ctx, only.append, false));
      } else if (live.length > 1) {
        await this.sendBatch(client, live);
      }
    } catch (error) {
      // The call failed as a whole (its statement cancelled, the connection lost): so did every
      // append in it. A connection that failed other than with a Postgres error is not reused.
      if (!(error instanceof DatabaseError)) broken = error as Error;
      for (const waiting of live) waiting.reject(error);
    } finally {
      client.release(broken);
    }
  }

  private async sendBatch(client: PoolClient, live: readonly Waiting[]): Promise<void> {
    const events = live.flatMap((w) => w.append.events);
    let first = 1;
    const { rows } = await client.query<BatchRow>({
      rowMode: 'array',
      name: statementName(`event-store:${this.ctx.schema}:append-batch`),
      text: `SELECT * FROM ${this.ctx.s}.append_events_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      values: [
        live.map((w) => w.append.streamId),
        live.map((w) => w.append.category),
        live.map((w) => w.append.expected),
        live.map((w) => w.append.checkIds),
        live.map((w) => w.append.key),
        live.map((w) => w.append.requestHash),
        live.map((w) => {
          const at = first;
          first += w.append.events.length;
          return at;
        }),
        live.map((w) => w.append.events.length),
        events.map((e) => e.id),
        events.map((e) => e.type),
        events.map((e) => e.v),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => JSON.stringify(e.meta)),
      ],
    });
    this.batches++;
    this.batchedAppends += live.length;
    const byEntry = live.map(() => [] as AppendRow[]);
    const failed = new Map<number, DatabaseError>();
    for (const row of rows) {
      const entry = row[0] - 1;
      if (row[6] !== null) failed.set(entry, errorOf(row));
      else byEntry[entry]!.push(row.slice(1, 6) as AppendRow);
    }
    live.forEach((waiting, entry) => {
      const error = failed.get(entry);
      if (error) waiting.reject(error);
      else waiting.resolve(byEntry[entry]!);
    });
  }
}
