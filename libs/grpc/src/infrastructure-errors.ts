/**
 * Recognises errors that mean a dependency (database, broker, another service) is down or
 * unreachable, so callers get UNAVAILABLE, which clients may retry, instead of INTERNAL.
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

// PostgreSQL SQLSTATE class 08 (connection exception) and 57P01-57P03 (admin shutdown, crash
// shutdown, cannot connect now): the server is going away, the statement may be retried.
const isPostgresConnectionState = (code: string): boolean =>
  /^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code);

const MAX_CAUSE_DEPTH = 5;

export const isInfrastructureDown = (error: unknown, depth = 0): boolean => {
  if (typeof error !== 'object' || error === null || depth > MAX_CAUSE_DEPTH) return false;
  const { name, code, cause } = error as { name?: unknown; code?: unknown; cause?: unknown };
  if (name === 'Unavailable') return true;
  if (
    typeof code === 'string' &&
    (NETWORK_ERROR_CODES.has(code) || isPostgresConnectionState(code))
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
