import type * as grpc from '@grpc/grpc-js';
import { type DomainEvent } from '@ledgerline/domain';
import {
  canonicalJson,
  handleMultiStreamCommand,
  type LruStateCache,
  type MultiStreamCommandResult,
  type MultiStreamDecider,
  type MultiStreamStorePort,
  sha256,
} from '@ledgerline/event-store';
import { endWith, traceparentOf } from '@ledgerline/messaging';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { commandCall, streamsOf } from './run-command';

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

const tracer = trace.getTracer('@ledgerline/command-service');

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
  const { call, actor, key, parent } = commandCall(options.metadata, options.idempotencyKey);
  const streams = streamsOf(options.store, options.decider.evolve);
  const span = tracer.startSpan(
    `command ${options.command.type}`,
    { kind: SpanKind.INTERNAL, attributes: { 'ledgerline.stream_ids': [...options.streamIds] } },
    parent,
  );
  const inSpan = trace.setSpan(parent, span);
  const traceparent = traceparentOf(inSpan);
  const run = () =>
    inQueues(streams.mutex, options.streamIds, () =>
      handleMultiStreamCommand({
        store: options.store,
        decider: options.decider,
        streamIds: options.streamIds,
        command: options.command,
        ...(key !== undefined && {
          idempotency: {
            key,
            requestHash: sha256(
              canonicalJson({
                streamIds: options.streamIds,
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
        ...(options.authorize !== undefined && { authorize: options.authorize }),
        cache: streams.cache as LruStateCache<State>,
        maxRetries: 5,
        ...(options.deadline !== undefined && { deadline: options.deadline }),
      }),
    );
  return context.with(inSpan, () => endWith(span, run));
};
