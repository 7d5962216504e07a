import { status } from '@grpc/grpc-js';
import { RpcError } from '@ledgerline/grpc';

/** Attempts per call before a retryable status counts as the call's error. */
export const MAX_ATTEMPTS = 8;
const BASE_MS = 100;
const CAP_MS = 2_000;

const durationMs = (delay: { seconds?: unknown; nanos?: unknown } | null | undefined) =>
  delay ? Number(delay.seconds ?? 0) * 1_000 + Math.round(Number(delay.nanos ?? 0) / 1e6) : 0;

/**
 * How long to wait before sending the same request again (same idempotency key), or undefined
 * when the error is the call's answer. UNAVAILABLE: the server did not do the work (or said so),
 * exponential backoff. RESOURCE_EXHAUSTED: retried only when the server said when, in RetryInfo;
 * likewise a read the view was not ready for (DEADLINE_EXCEEDED, READ_MODEL_BEHIND).
 */
export const retryDelayMs = (error: unknown, attempt: number): number | undefined => {
  if (!(error instanceof RpcError) || attempt + 1 >= MAX_ATTEMPTS) return undefined;
  if (error.code === status.UNAVAILABLE) return Math.min(CAP_MS, BASE_MS * 2 ** attempt);
  const told = error.errorDetails.find((d) => d.type === 'RetryInfo');
  const delay = told?.type === 'RetryInfo' ? Math.max(1, durationMs(told.retryDelay)) : undefined;
  if (error.code === status.RESOURCE_EXHAUSTED) return delay;
  // A query whose consistency token the view had not reached yet: the server did no harm and
  // says when to ask again (READ_MODEL_BEHIND, RetryInfo). Only reads carry tokens.
  const behind = error.errorDetails.some(
    (d) => d.type === 'ErrorInfo' && d.reason === 'READ_MODEL_BEHIND',
  );
  return error.code === status.DEADLINE_EXCEEDED && behind ? delay : undefined;
};

/** A checkout whose order did not become final in time. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** What an error counts under: the gRPC status name, TIMEOUT (checkout), else LOCAL. */
export const errorCode = (error: unknown): string => {
  if (error instanceof RpcError) return status[error.code] ?? String(error.code);
  return error instanceof TimeoutError ? 'TIMEOUT' : 'LOCAL';
};

/**
 * Whether a command that failed with this error may nevertheless have been done (the answer was
 * lost): then the run sends it again with the same idempotency key to learn its outcome, so the
 * money check knows what was deposited or ordered.
 */
export const outcomeUnknown = (error: unknown): boolean =>
  !(error instanceof RpcError) ||
  [
    status.DEADLINE_EXCEEDED,
    status.CANCELLED,
    status.UNKNOWN,
    status.INTERNAL,
    status.UNAVAILABLE,
    status.RESOURCE_EXHAUSTED,
  ].includes(error.code);
