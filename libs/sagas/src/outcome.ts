import * as grpc from '@grpc/grpc-js';
import { RpcError } from '@ledgerline/grpc';
import { findDetail } from '@ledgerline/proto';

/** What became of one attempt to send a command. */
export type AttemptOutcome =
  | { readonly kind: 'succeeded'; readonly result: unknown }
  | {
      readonly kind: 'rejected';
      readonly code: string;
      readonly rule: string | null;
      readonly message: string;
    }
  | { readonly kind: 'transient'; readonly message: string };

// Worth another attempt with the same idempotency key: the command may not have run, or ran and
// the answer was lost. Everything else is the service's considered answer and goes to `react`.
const TRANSIENT = new Set<grpc.status>([
  grpc.status.UNAVAILABLE,
  grpc.status.DEADLINE_EXCEEDED,
  grpc.status.ABORTED,
  grpc.status.RESOURCE_EXHAUSTED,
  grpc.status.CANCELLED,
  grpc.status.INTERNAL,
  grpc.status.UNKNOWN,
]);

export const classifyFailure = (error: unknown): AttemptOutcome => {
  if (!(error instanceof RpcError))
    return { kind: 'transient', message: error instanceof Error ? error.message : String(error) };
  if (TRANSIENT.has(error.code)) return { kind: 'transient', message: error.message };
  const violation = findDetail(error.errorDetails, 'PreconditionFailure')?.violations[0];
  return {
    kind: 'rejected',
    code: grpc.status[error.code],
    rule: violation?.subject ?? null,
    message: error.details,
  };
};
