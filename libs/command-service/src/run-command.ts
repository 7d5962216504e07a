import type * as grpc from '@grpc/grpc-js';
import { checkText, type Decider, type DomainEvent, InvalidInput } from '@ledgerline/domain';
import {
  canonicalJson,
  type CommandResult,
  type EventStorePort,
  handleCommand,
  LruStateCache,
  sha256,
} from '@ledgerline/event-store';
import {
  actorOf,
  type Caller,
  callerOf,
  Forbidden,
  readCallMetadata,
  SAGA_SCOPE,
} from '@ledgerline/grpc';
import { contextOfTraceparent, endWith, traceparentOf } from '@ledgerline/messaging';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { DEFAULT_MAX_WAITERS_PER_KEY, KeyedMutex } from './keyed-mutex';

export interface RunCommandOptions<
  Command extends { type: string; data: unknown },
  State,
  Event extends DomainEvent,
> {
  readonly store: EventStorePort;
  readonly decider: Decider<Command, State, Event>;
  readonly streamId: string;
  readonly command: Command;
  readonly metadata: grpc.Metadata;
  /** The request's own `idempotency_key` field; the `idempotency-key` header is the alternative. */
  readonly idempotencyKey?: string;
  /** Snapshot the stream's state whenever it crosses a multiple of this many events. */
  readonly snapshotEvery?: number;
  /** The state's shape (bump on change): snapshots of another shape are ignored. Default 1. */
  readonly snapshotStateVersion?: number;
  /** A failed snapshot write never fails the command; it is reported here. */
  readonly onSnapshotError?: (error: unknown) => void;
  /**
   * The call's deadline (`callDeadline(call)`): a command still queued or loading when it passes
   * is not appended, and the append's statement is cut at it. Without it nothing changes.
   */
  readonly deadline?: Date | undefined;
  /**
   * Whether the verified caller may run the command on this stream, asked with the folded state
   * inside the stream's queue, before `decide`: throw (e.g. Forbidden) to refuse. For rules that
   * depend on the stream (who owns the account); rules on the request alone belong in the handler.
   */
  readonly authorize?: (state: State) => void;
}

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

/**
 * Per store and state (a decider's `evolve` defines its state): the folded states of recent
 * streams (one round trip per command) and the per-stream queue, shared by one-stream commands and
 * commands over several streams of that state. Kept here, keyed weakly, so handlers stay plain
 * translations.
 */
interface StreamsInProcess {
  readonly cache: LruStateCache<unknown>;
  readonly mutex: KeyedMutex;
}
const inProcess = new WeakMap<object, WeakMap<object, StreamsInProcess>>();
const queueLimits = new WeakMap<object, number>();

/**
 * Caps the commands of one stream that may wait in this process behind the running one, for
 * every command run on `store` (COMMAND_QUEUE_PER_STREAM; default 64). Beyond it a command fails
 * at once with CommandQueueFull (RESOURCE_EXHAUSTED). Call it before the first command.
 */
export const limitCommandQueues = (store: object, maxQueuedPerStream: number): void => {
  queueLimits.set(store, maxQueuedPerStream);
};

export const streamsOf = (store: object, evolve: object): StreamsInProcess => {
  let byState = inProcess.get(store);
  if (!byState) inProcess.set(store, (byState = new WeakMap()));
  let streams = byState.get(evolve);
  if (!streams) {
    const mutex = new KeyedMutex(queueLimits.get(store) ?? DEFAULT_MAX_WAITERS_PER_KEY);
    byState.set(evolve, (streams = { cache: new LruStateCache(), mutex }));
  }
  return streams;
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

/**
 * The transport's side of a command: reads the propagated metadata, resolves the idempotency
 * key, and runs the shared command loop. The request hash covers the stream and the command's
 * type and data but not the time the service stamped, so a retry hashes the same.
 */
export const runCommand = async <
  Command extends { type: string; data: unknown },
  State,
  Event extends DomainEvent,
>(
  options: RunCommandOptions<Command, State, Event>,
): Promise<CommandResult<State>> => {
  const { call, actor, key, parent } = commandCall(options.metadata, options.idempotencyKey);
  // eslint-disable-next-line @typescript-eslint/unbound-method -- an identity key, never called
  const streams = streamsOf(options.store, options.decider.evolve);
  const span = tracer.startSpan(
    `command ${options.command.type}`,
    { kind: SpanKind.INTERNAL, attributes: { 'ledgerline.stream_id': options.streamId } },
    parent,
  );
  const inSpan = trace.setSpan(parent, span);
  // Stored with the events: the relay's publish span and every consumer continue this trace.
  const traceparent = traceparentOf(inSpan);
  const run = () =>
    streams.mutex.run(options.streamId, () =>
      handleCommand({
        store: options.store,
        decider: options.decider,
        streamId: options.streamId,
        command: options.command,
        ...(key !== undefined && {
          idempotency: {
            key,
            requestHash: sha256(
              canonicalJson({
                streamId: options.streamId,
                type: options.command.type,
                data: options.command.data,
              }),
            ),
          },
        }),
        metadata: {
          correlationId: call.correlationId,
          ...(call.causationId !== undefined && { causationId: call.causationId }),
          ...(actor !== undefined && { actor }),
          ...(key !== undefined && { idempotencyKey: key }),
          ...(traceparent !== undefined && { traceparent }),
        },
        ...(options.snapshotEvery !== undefined && { snapshotEvery: options.snapshotEvery }),
        ...(options.snapshotStateVersion !== undefined && {
          snapshotStateVersion: options.snapshotStateVersion,
        }),
        ...(options.onSnapshotError !== undefined && { onSnapshotError: options.onSnapshotError }),
        ...(options.authorize !== undefined && { authorize: options.authorize }),
        cache: streams.cache as LruStateCache<State>,
        maxRetries: 5,
        ...(options.deadline !== undefined && { deadline: options.deadline }),
      }),
    );
  return context.with(inSpan, () => endWith(span, run));
};
