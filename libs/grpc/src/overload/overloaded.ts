import * as grpc from '@grpc/grpc-js';
import { type ErrorDetailInit } from '@ledgerline/proto';
import { errorInfo } from '../error-info';
import { type ErrorMapper } from '../error-mapping';

/**
 * The server refuses a call to protect itself (a rate limit, a full queue) rather than because
 * anything is down: RESOURCE_EXHAUSTED, with RetryInfo saying when a retry has a chance. Libraries
 * throw subclasses naming their limit; `overloadErrorMapper` maps them all.
 */
export class Overloaded extends Error {
  override readonly name: string = 'Overloaded';

  constructor(
    /** The ErrorInfo reason: RATE_LIMITED, COMMAND_QUEUE_FULL… */
    readonly reason: string,
    message: string,
    /** How long the caller should wait before retrying (at least 1 ms). */
    readonly retryAfterMs: number,
    readonly metadata: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export type RpcClass = 'read' | 'write' | 'admin';

/** The caller made more calls of one class than its rate allows. */
export class RateLimited extends Overloaded {
  override readonly name = 'RateLimited';

  constructor(
    readonly rpcClass: RpcClass,
    retryAfterMs: number,
  ) {
    super(
      'RATE_LIMITED',
      `too many ${rpcClass} calls from this caller; retry in ${Math.ceil(retryAfterMs)} ms`,
      retryAfterMs,
      { rpcClass },
    );
  }
}

/** google.protobuf.Duration of `ms`, never below 1 ms (a zero delay would invite a busy loop). */
export const retryDelay = (ms: number): { seconds: number; nanos: number } => {
  const whole = Math.max(1, Math.ceil(ms));
  return { seconds: Math.floor(whole / 1000), nanos: (whole % 1000) * 1_000_000 };
};

/** Overloaded (and its subclasses) → RESOURCE_EXHAUSTED with ErrorInfo and RetryInfo. */
export const overloadErrorMapper: ErrorMapper = (error) => {
  if (!(error instanceof Overloaded)) return undefined;
  const details: ErrorDetailInit[] = [
    errorInfo(error.reason, { ...error.metadata }),
    { type: 'RetryInfo', retryDelay: retryDelay(error.retryAfterMs) },
  ];
  return { code: grpc.status.RESOURCE_EXHAUSTED, message: error.message, details };
};
