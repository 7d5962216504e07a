import { type ExpectedVersion } from './types';

/** Base of every error the event store raises on purpose; anything else is an I/O failure. */
export abstract class EventStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream is not at the version the writer decided on: reload and decide again. */
export class WrongExpectedVersion extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${String(expected)}, actual ${actual}`);
  }
}

/** An idempotency key was reused for a different request. */
export class IdempotencyKeyConflict extends EventStoreError {
  constructor(
    readonly category: string,
    readonly key: string,
  ) {
    super(`idempotency key "${key}" (${category}) was already used for a different request`);
  }
}

/** A client-supplied event id already exists, and not as this exact batch of this stream. */
export class DuplicateEventId extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`event id ${eventId} already exists (appending to stream ${streamId})`);
  }
}

/**
 * `appendInTransaction` ran in a transaction that had already written something. The global order
 * relies on the stream lock being taken before the transaction id is assigned (see ADR 0004).
 */
export class AppendNotFirstWrite extends EventStoreError {
  constructor(readonly streamId: string) {
    super(`append to ${streamId} must be the first write of its transaction`);
  }
}

/**
 * The caller's deadline passed before the append (or while it ran, and the statement was
 * cancelled): nothing was written. libs/grpc maps it, by name, to DEADLINE_EXCEEDED.
 */
export class DeadlineExceeded extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly deadline: Date,
    options?: { cause?: unknown },
  ) {
    super(`append to ${streamId}: the deadline ${deadline.toISOString()} passed; nothing written`);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
