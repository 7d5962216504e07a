/**
 * `number`: the stream is at exactly this version (0 = empty). `'no_stream'`: it has no events.
 * `'stream_exists'`: it has at least one. `'any'`: no check.
 */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

/** What travels with every event; `eventId` is filled in by the store. */
export interface EventMetadata {
  readonly eventId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly idempotencyKey?: string;
  readonly traceparent?: string;
  readonly actor?: string;
}

/** An event to append. `eventId` (a UUID) makes a retried append recognisable; generated when absent. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly eventId?: string;
  readonly metadata?: EventMetadata;
}

/** An event as stored, its data already upcast to the current schema version of its type. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  /** The writing transaction's xid8, as decimal text (it can exceed 2^53). */
  readonly transactionId: string;
  readonly schemaVersion: number;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
}

/**
 * What happens to event data on its way into and out of the store: personal fields are sealed
 * (encrypted) at append and opened at read (libs/privacy). The store applies it on every append
 * and read path, so no reader or writer does it on its own.
 */
export interface EventCodec {
  /** The events as they are to be stored. */
  seal(streamId: string, events: readonly NewEvent[]): Promise<readonly NewEvent[]>;
  /** The events as readers see them. */
  open(events: readonly RecordedEvent[]): Promise<readonly RecordedEvent[]>;
}

export interface IdempotencyOptions {
  readonly key: string;
  /** Defaults to the sha256 of the events' types and data. */
  readonly requestHash?: string;
}

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
  readonly idempotency?: IdempotencyOptions;
  /** Defaults merged under each event's own metadata (correlationId, actor…). */
  readonly metadata?: EventMetadata;
  /**
   * The caller's deadline: once it has passed nothing is appended (DeadlineExceeded), and
   * `append` bounds its statement to the time left when that is shorter than the pool's
   * statement_timeout, so a slow append is cancelled (and rolled back) at the deadline.
   */
  readonly deadline?: Date | undefined;
}

export interface AppendResult {
  readonly streamId: string;
  readonly firstVersion: number;
  /** The stream's version after the append (the version of its last event). */
  readonly nextVersion: number;
  /** Global position of the last event appended. */
  readonly position: number;
  readonly transactionId: string;
  readonly events: readonly RecordedEvent[];
  /** True when the store recognised a retry (idempotency key or event ids) and wrote nothing. */
  readonly replayed: boolean;
}

export interface ReadStreamOptions {
  /** First version to read (forward, default 1) or last (backward, default the stream's end). */
  readonly from?: number;
  readonly direction?: 'forward' | 'backward';
  readonly limit?: number;
}

/**
 * Where a reader of the global log stands: the last event it has seen, ordered by
 * (transactionId, position). Plain JSON; store it as is.
 */
export interface Checkpoint {
  readonly transactionId: string;
  readonly position: number;
}

export const START: Checkpoint = { transactionId: '0', position: 0 };

export interface ReadAllOptions {
  readonly after?: Checkpoint;
  readonly limit?: number;
  readonly categories?: readonly string[];
}

export interface ReadAllResult {
  readonly events: readonly RecordedEvent[];
  /** The checkpoint after the last event returned (`after` when nothing was readable). */
  readonly checkpoint: Checkpoint;
}

export interface Snapshot<State = unknown> {
  readonly version: number;
  readonly position: number;
  readonly state: State;
}

/** The category of a stream is the prefix before its first `-` (`account-01H…` → `account`). */
export const categoryOf = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
};

/** Total order of the global log. */
export const compareCheckpoints = (a: Checkpoint, b: Checkpoint): number => {
  const tx = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (tx !== 0n) return tx < 0n ? -1 : 1;
  return a.position - b.position;
};
