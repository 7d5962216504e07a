import type * as grpc from '@grpc/grpc-js';
import { type DomainEvent } from '@ledgerline/domain';
import {
  handleMultiStreamCommand,
  type LruStateCache,
  type MultiStreamCommandResult,
  type MultiStreamDecider,
  type MultiStreamStorePort,
} from '@ledgerline/event-store';
import { commandEnvelope, inCommandSpan } from './command-call';
import { streamsOf } from './run-command';

export interface RunMultiStreamCommandOptions<
  Command extends { type: string; data: unknown },
  State,
  Event extends DomainEvent,
> {
  readonly store: MultiStreamStorePort;
  readonly decider: MultiStreamDecider<Command, State, Event>;
  /** Distinct streams, in the order the decider takes their states. */
  readonly streamIds: readonly string[];
  readonly command: Command;
  readonly metadata: grpc.Metadata;
  /** The request's own `idempotency_key` field; the `idempotency-key` header is the alternative. */
  readonly idempotencyKey?: string;
  readonly deadline?: Date | undefined;
  /** Whether the verified caller may run the command, asked with every stream's state. */
  readonly authorize?: (states: readonly State[]) => void;
}

/** Runs `task` holding every key's queue, taken in sorted order so two callers never deadlock. */
const inQueues = <T>(
  mutex: { run<R>(key: string, task: () => Promise<R>): Promise<R> },
  keys: readonly string[],
  task: () => Promise<T>,
): Promise<T> =>
  [...keys]
    .sort()
    .reduceRight<() => Promise<T>>((inner, key) => () => mutex.run(key, inner), task)();

/**
 * runCommand for a command over several streams (ADR 0022): the same metadata, key and tracing,
 * the streams' in-process queues held together (so one-stream commands on the same streams wait
 * their turn) and the folded-state cache shared with the one-stream commands of the same state.
 * The request hash covers the streams and the command's type and data, not its metadata (time,
 * generated ids), so a retry hashes the same.
 */
export const runMultiStreamCommand = async <
  Command extends { type: string; data: unknown },
  State,
  Event extends DomainEvent,
>(
  options: RunMultiStreamCommandOptions<Command, State, Event>,
): Promise<MultiStreamCommandResult<State>> => {
  const { started, envelope } = commandEnvelope(
    options.metadata,
    options.idempotencyKey,
    options.command,
    { streamIds: options.streamIds },
  );
  const streams = streamsOf(options.store, options.decider.evolve);
  const run = () =>
    inQueues(streams.mutex, options.streamIds, () =>
      handleMultiStreamCommand({
        store: options.store,
        decider: options.decider,
        streamIds: options.streamIds,
        command: options.command,
        ...envelope,
        ...(options.authorize !== undefined && { authorize: options.authorize }),
        cache: streams.cache as LruStateCache<State>,
        maxRetries: 5,
        ...(options.deadline !== undefined && { deadline: options.deadline }),
      }),
    );
  return inCommandSpan(started, run);
};
