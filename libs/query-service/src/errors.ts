import * as grpc from '@grpc/grpc-js';
import { type ErrorMapper, errorInfo, Overloaded } from '@ledgerline/grpc';

/**
 * The read model could not prove, within the call's deadline, that it applied what the caller's
 * consistency token asks for. The message says how far it got and how far behind it is.
 */
export class ReadModelBehind extends Error {
  override readonly name = 'ReadModelBehind';

  constructor(
    readonly projection: string,
    detail: string,
    readonly lag: { readonly events: number; readonly seconds: number | null } | undefined,
  ) {
    super(`${projection} view ${detail}${lagText(lag)}`);
  }
}

/** The caller cancelled the call while it waited for the read model. */
export class ConsistencyWaitCancelled extends Error {
  override readonly name = 'ConsistencyWaitCancelled';

  constructor(projection: string) {
    super(`the wait for the ${projection} view was cancelled`);
  }
}

/** A query ran into the call's deadline (or the call was cancelled) and the server cancelled it. */
export class QueryDeadlineExceeded extends Error {
  override readonly name = 'QueryDeadlineExceeded';

  constructor(options?: { cause?: unknown }) {
    super("the query was cancelled at the call's deadline");
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** As many calls as allowed already wait for consistency tokens in this process. */
export class ConsistencyWaitersFull extends Overloaded {
  override readonly name = 'ConsistencyWaitersFull';

  constructor(waiting: number, retryAfterMs: number) {
    super(
      'CONSISTENCY_WAITERS_FULL',
      `${waiting} calls already wait for the read model; retry later`,
      retryAfterMs,
    );
  }
}

const lagText = (lag: ReadModelBehind['lag']): string => {
  if (!lag) return '';
  const seconds = lag.seconds === null ? '' : ` / ${lag.seconds.toFixed(1)} s`;
  return `; projection lag ${lag.events} events${seconds}`;
};

/**
 * `ReadModelBehind` → DEADLINE_EXCEEDED (retryable later), a cancelled wait → CANCELLED, a query
 * cut at the deadline → DEADLINE_EXCEEDED. ConsistencyWaitersFull is an Overloaded: libs/grpc
 * maps it (RESOURCE_EXHAUSTED).
 */
export const consistencyErrorMapper: ErrorMapper = (error) => {
  if (error instanceof ReadModelBehind)
    return {
      code: grpc.status.DEADLINE_EXCEEDED,
      message: error.message,
      details: [
        errorInfo('READ_MODEL_BEHIND', {
          projection: error.projection,
          ...(error.lag && { lagEvents: String(error.lag.events) }),
          ...(error.lag?.seconds != null && { lagSeconds: error.lag.seconds.toFixed(3) }),
        }),
        { type: 'RetryInfo', retryDelay: { seconds: 1 } },
      ],
    };
  if (error instanceof ConsistencyWaitCancelled)
    return { code: grpc.status.CANCELLED, message: error.message };
  if (error instanceof QueryDeadlineExceeded)
    return {
      code: grpc.status.DEADLINE_EXCEEDED,
      message: error.message,
      details: [errorInfo('DEADLINE_EXCEEDED')],
    };
  return undefined;
};
