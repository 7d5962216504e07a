import type * as grpc from '@grpc/grpc-js';
import { type Decider, type DomainEvent } from '@ledgerline/domain';
import {
  type CommandResult,
  type EventStorePort,
  handleCommand,
  LruStateCache,
} from '@ledgerline/event-store';
import { commandEnvelope, inCommandSpan } from './command-call';
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

/**
 * The transport's side of a command: its envelope from the call (commandEnvelope: metadata,
 * idempotency key and request hash, span), then the shared command loop in the stream's queue.
 */
export const runCommand = async <
  Command extends { type: string; data: unknown },
  State,
  Event extends DomainEvent,
>(
  options: RunCommandOptions<Command, State, Event>,
): Promise<CommandResult<State>> => {
  const { started, envelope } = commandEnvelope(
    options.metadata,
    options.idempotencyKey,
    options.command,
    { streamId: options.streamId },
  );
  // eslint-disable-next-line @typescript-eslint/unbound-method -- an identity key, never called
  const streams = streamsOf(options.store, options.decider.evolve);
  const run = () =>
    streams.mutex.run(options.streamId, () =>
      handleCommand({
        store: options.store,
        decider: options.decider,
        streamId: options.streamId,
        command: options.command,
        ...envelope,
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
  return inCommandSpan(started, run);
};
