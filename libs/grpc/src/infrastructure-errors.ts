/**
 * Recognises errors that mean a dependency (database, broker, search, another service) is down,
 * unreachable or out of capacity for now, so callers get UNAVAILABLE with RetryInfo, which
 * clients may retry (commands carry idempotency keys), instead of INTERNAL.
 */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * PostgreSQL SQLSTATEs that say "not now":
 * - class 08 (connection exception) and 57P01-57P03 (admin shutdown, crash shutdown, cannot
 *   connect now): the server is going away or not yet back;
 * - class 53 where it is load: 53000 insufficient_resources, 53100 disk_full, 53200
 *   out_of_memory, 53300 too_many_connections. Not 53400 configuration_limit_exceeded: the same
 *   statement would exceed the same limit again;
 * - 57014 query_canceled: statement_timeout (or an operator's pg_cancel_backend) cut the
 *   statement short and its transaction rolled back, so nothing was written and a retry is safe.
 *   UNAVAILABLE rather than DEADLINE_EXCEEDED: the caller's deadline did not pass, the server was
 *   too slow, and clients retry UNAVAILABLE (never DEADLINE_EXCEEDED).
 */
const isPostgresUnavailableState = (code: string): boolean =>
  /^08[0-9A-Z]{3}$/.test(code) ||
  /^57P0[123]$/.test(code) ||
  /^53[0-3]00$/.test(code) ||
  code === '57014';

/**
 * pg and pg-pool report some connection failures with a message only: the pool's wait for a
 * connection timing out, a connection cut mid-query, a client the pool already saw fail.
 */
const POSTGRES_CONNECTION_MESSAGES = [
  /^timeout exceeded when trying to connect$/i,
  /^connection terminated( unexpectedly| due to connection timeout)?$/i,
  /^client has encountered a connection error and is not queryable$/i,
  /^client was closed and is not queryable$/i,
];

/** @elastic/elasticsearch (transport) error names for a cluster that cannot answer. */
const SEARCH_CONNECTION_ERRORS = new Set([
  'ConnectionError',
  'NoLivingConnectionsError',
  'TimeoutError',
]);
/** Elasticsearch HTTP statuses that mean overloaded or unavailable: try again later. */
const SEARCH_RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

const MAX_CAUSE_DEPTH = 5;

export const isInfrastructureDown = (error: unknown, depth = 0): boolean => {
  if (typeof error !== 'object' || error === null || depth > MAX_CAUSE_DEPTH) return false;
  const { name, code, message, meta, cause } = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    meta?: { statusCode?: unknown };
    cause?: unknown;
  };
  if (name === 'Unavailable') return true;
  if (
    typeof code === 'string' &&
    (NETWORK_ERROR_CODES.has(code) || isPostgresUnavailableState(code))
  )
    return true;
  if (
    code === undefined &&
    typeof message === 'string' &&
    POSTGRES_CONNECTION_MESSAGES.some((pattern) => pattern.test(message.trim()))
  )
    return true;
  if (typeof name === 'string' && SEARCH_CONNECTION_ERRORS.has(name)) return true;
  if (
    name === 'ResponseError' &&
    typeof meta?.statusCode === 'number' &&
    SEARCH_RETRYABLE_STATUSES.has(meta.statusCode)
  )
    return true;
  // Node reports a failed multi-address connect as an AggregateError of per-address errors.
  if (
    error instanceof AggregateError &&
    error.errors.some((e) => isInfrastructureDown(e, depth + 1))
  )
    return true;
  return isInfrastructureDown(cause, depth + 1);
};
