import type * as grpc from '@grpc/grpc-js';
import { checkText, InvalidInput } from '@ledgerline/domain';
import { canonicalJson, type EventMetadata, sha256 } from '@ledgerline/event-store';
import {
  actorOf,
  type Caller,
  callerOf,
  Forbidden,
  readCallMetadata,
  SAGA_SCOPE,
} from '@ledgerline/grpc';
import { contextOfTraceparent, endWith, traceparentOf } from '@ledgerline/messaging';
import {
  type Attributes,
  type Context,
  context,
  isSpanContextValid,
  type Span,
  SpanKind,
  trace,
} from '@opentelemetry/api';

const MAX_KEY_LENGTH = 128;
const tracer = trace.getTracer('@ledgerline/command-service');

/** Idempotency keys of this prefix name a saga's steps (libs/sagas idempotencyKeyOf). */
export const SAGA_KEY_PREFIX = 'saga:';

/**
 * A `saga:` key is the checkout saga's: whoever used one first would own that step's outcome, and
 * the saga's own command would then replay it (or conflict). Only a SAGA_SCOPE caller may use one.
 */
export const checkSagaKey = (key: string | undefined, caller: Caller | undefined): void => {
  if (key?.startsWith(SAGA_KEY_PREFIX) && !caller?.scopes.has(SAGA_SCOPE))
    throw new Forbidden('saga-keys', 'saga: idempotency keys are reserved for the checkout saga');
};

export const resolveIdempotencyKey = (
  fromRequest: string | undefined,
  fromHeader: string | undefined,
): string | undefined => {
  const key = fromRequest === '' ? undefined : fromRequest;
  if (key !== undefined) {
    if (key.length > MAX_KEY_LENGTH)
      throw new InvalidInput('idempotencyKey', `must be at most ${MAX_KEY_LENGTH} characters`);
    // The key is stored as text beside the events: a NUL would fail inside PostgreSQL.
    checkText('idempotencyKey', key);
    if (fromHeader !== undefined && fromHeader !== key) {
      throw new InvalidInput('idempotencyKey', 'differs from the idempotency-key header');
    }
  }
  return key ?? fromHeader;
};

/**
 * What a command takes from its call: the propagated metadata, the verified actor (never what a
 * header claims: x-actor is ignored), the idempotency key (saga keys only from sagas) and the
 * trace parent. The gRPC instrumentation makes the server span active; without it (in-process
 * callers) the caller's metadata names the parent.
 */
export const commandCall = (metadata: grpc.Metadata, idempotencyKey: string | undefined) => {
  const call = readCallMetadata(metadata);
  const caller = callerOf(metadata);
  const actor = caller === undefined ? undefined : actorOf(caller);
  const key = resolveIdempotencyKey(idempotencyKey, call.idempotencyKey);
  checkSagaKey(key, caller);
  const callerTraceparent = metadata.get('traceparent')[0];
  const parent = trace.getSpan(context.active())
    ? context.active()
    : contextOfTraceparent(
        typeof callerTraceparent === 'string' ? callerTraceparent : undefined,
        context.active(),
      );
  return { call, actor, key, parent };
};

/** The stream a command decides on, or the streams of a command over several (ADR 0022). */
export type CommandTarget =
  { readonly streamId: string } | { readonly streamIds: readonly string[] };

/** A command's span, started but not yet entered. */
export interface CommandSpan {
  readonly span: Span;
  /** The context with the span active: what the command runs in. */
  readonly context: Context;
}

/** What one command hands the command loop besides its decider and streams. */
export interface CommandEnvelope {
  /** With the call's idempotency key: the key and the hash of the request. */
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
  /** Stored with every event the command records. */
  readonly metadata: EventMetadata;
}

const attributesOf = (target: CommandTarget): Attributes =>
  'streamId' in target
    ? { 'ledgerline.stream_id': target.streamId }
    : { 'ledgerline.stream_ids': [...target.streamIds] };

/**
 * The call's side of a command, for one stream or several alike: its span (a child of the call's),
 * its idempotency (the request hash covers the target streams and the command's type and data but
 * not the time the service stamped or its generated ids, so a retry hashes the same) and the
 * metadata stored with its events: correlation and causation, the verified actor, the key and the
 * traceparent the relay's publish span and every consumer continue.
 */
export const commandEnvelope = (
  metadata: grpc.Metadata,
  idempotencyKey: string | undefined,
  command: { readonly type: string; readonly data: unknown },
  target: CommandTarget,
): { readonly started: CommandSpan; readonly envelope: CommandEnvelope } => {
  const { call, actor, key, parent } = commandCall(metadata, idempotencyKey);
  const span = tracer.startSpan(
    `command ${command.type}`,
    { kind: SpanKind.INTERNAL, attributes: attributesOf(target) },
    parent,
  );
  const inSpan = trace.setSpan(parent, span);
  // A span of no trace (tracing off, no caller's traceparent) has no traceparent to store.
  const traceparent = isSpanContextValid(span.spanContext()) ? traceparentOf(inSpan) : undefined;
  return {
    started: { span, context: inSpan },
    envelope: {
      ...(key !== undefined && {
        idempotency: {
          key,
          // Keys sorted: `{ streamId, type, data }` hashes as it always has.
          requestHash: sha256(canonicalJson({ ...target, type: command.type, data: command.data })),
        },
      }),
      metadata: {
        correlationId: call.correlationId,
        ...(call.causationId !== undefined && { causationId: call.causationId }),
        ...(actor !== undefined && { actor }),
        ...(key !== undefined && { idempotencyKey: key }),
        ...(traceparent !== undefined && { traceparent }),
      },
    },
  };
};

/** Runs the command inside its span and ends the span with the outcome. */
export const inCommandSpan = <T>(started: CommandSpan, run: () => Promise<T>): Promise<T> =>
  context.with(started.context, () => endWith(started.span, run));
