/**
 * The runtime's pure decisions, kept apart from I/O so they can be tested on their own: what to do
 * with a delivered event, whether a failure is the event's fault or the infrastructure's, and how
 * far behind the view is.
 */

export type EventDecision =
  /** Its version is at or below the stream's applied version: a redelivery, already applied. */
  | 'duplicate'
  /** An earlier event of its stream is parked: this one waits behind it, in order. */
  | 'park-behind'
  /** No handler and the projection parks unknown types. */
  | 'park-unknown'
  /** No handler and the projection skips unknown types (still counts as applied). */
  | 'skip-unknown'
  | 'apply';

export interface EventFacts {
  readonly version: number;
  readonly appliedVersion: number;
  readonly streamBlocked: boolean;
  readonly hasHandler: boolean;
  readonly onUnknownType: 'skip' | 'park';
}

export const decideEvent = (facts: EventFacts): EventDecision => {
  if (facts.version <= facts.appliedVersion) return 'duplicate';
  if (facts.streamBlocked) return 'park-behind';
  if (!facts.hasHandler) return facts.onUnknownType === 'park' ? 'park-unknown' : 'skip-unknown';
  return 'apply';
};

/**
 * A handler error is the event's fault (poison, parked after a few attempts) unless it says the
 * database or the connection failed: those abort the whole batch, which is retried as a whole and
 * never parks anything. SQLSTATE classes: 08 connection, 40 transaction rollback (deadlock,
 * serialization), 53 insufficient resources, 57 operator intervention (shutdown), 58 system.
 */
export const isInfrastructureError = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^(08|40|53|57|58)/.test(code)) return true;
    if (/^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN)$/.test(code)) return true;
  }
  const message = (error as { message?: unknown }).message;
  return (
    typeof message === 'string' &&
    /Connection terminated|Client has encountered a connection error|not queryable/.test(message)
  );
};

/** What a failed Elasticsearch request (or one bulk item) calls for. */
export type SearchFailure = 'retry' | 'poison';

/** HTTP statuses that mean "not now": back off and send again, never drop. */
const RETRYABLE_STATUSES = new Set([408, 429, 502, 503, 504]);

export const classifySearchStatus = (status: number | undefined): SearchFailure =>
  status === undefined || RETRYABLE_STATUSES.has(status) ? 'retry' : 'poison';

/**
 * A whole-request failure from the Elasticsearch client: connection and timeout errors carry no
 * status (retry), a response error carries the HTTP status.
 */
export const classifySearchError = (error: unknown): SearchFailure => {
  if (typeof error !== 'object' || error === null) return 'retry';
  const name = (error as { name?: unknown }).name;
  if (name === 'ConnectionError' || name === 'TimeoutError' || name === 'NoLivingConnectionsError')
    return 'retry';
  const meta = (error as { meta?: { statusCode?: unknown } }).meta;
  const status = typeof meta?.statusCode === 'number' ? meta.statusCode : undefined;
  return classifySearchStatus(status);
};

/** One bulk item's outcome: 409 on an external version means "already applied". */
export const classifyBulkItem = (status: number): 'ok' | SearchFailure => {
  if (status < 300 || status === 409) return 'ok';
  return classifySearchStatus(status);
};

/** Kafka lag of one partition: messages at or after the next offset to apply. */
export const partitionLag = (latestOffset: string, appliedOffset: string | undefined): number => {
  const next = appliedOffset === undefined ? 0n : BigInt(appliedOffset) + 1n;
  const lag = BigInt(latestOffset) - next;
  return lag > 0n ? Number(lag) : 0;
};

/**
 * Seconds the view is behind the store's head: the head's time minus the newest applied event's
 * time, 0 once the head's position is applied. With nothing applied yet, the head's age.
 */
export const storeLagSeconds = (
  head: { position: number; time: Date | string } | undefined,
  applied: { position: number; time: Date | string } | undefined,
  now: Date,
): number => {
  if (!head || head.position === 0) return 0;
  if (applied && applied.position >= head.position) return 0;
  const headTime = new Date(head.time).getTime();
  const since = applied ? new Date(applied.time).getTime() : headTime;
  const until = applied ? headTime : now.getTime();
  return Math.max(0, (until - since) / 1_000);
};
