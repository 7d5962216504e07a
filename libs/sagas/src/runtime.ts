import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { KeyedMutex } from '@ledgerline/command-service';
import { fromCloudEventMessage } from '@ledgerline/cloud-events';
import {
  type ConsumedBatch,
  type ConsumerSettings,
  type MessageConsumer,
  type Messaging,
  inEventContext,
} from '@ledgerline/messaging';
import { type Pool, type PoolClient } from 'pg';
import { backoffDelay, sleep } from '@ledgerline/retry';
import {
  claimDueCommands,
  dueDeadlines,
  markCompensationFailed,
  pendingSteps,
  renewFence,
  scheduleRetry,
  type SendFence,
} from './outbox';
import { type AttemptOutcome, classifyFailure } from './outcome';
import { sagaFlowControl, type SagaFlowSettings } from './flow-control';
import { type SagaCommand, type SagaDefinition, type SagaInput } from './saga';
import { SagaStateCache } from './state-cache';
import { listParkedInputs, type ParkedInput, parkInput, unparkInput } from './parking';
import {
  HANDLE_ONE_BY_ONE,
  type HandledInput,
  handleInput,
  handleInputs,
  type InputToHandle,
  type OutboxCommand,
  ReactionFailed,
  type Settles,
} from './store';
import { migrateSagas, sagaTables } from './tables';

export interface SagaLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Passed with every command: the step's deterministic key and the ids that trace it. */
export interface DispatchMetadata {
  readonly idempotencyKey: string;
  readonly correlationId: string;
  readonly causationId: string;
  /**
   * When the call must be over: the end of this process's send fence on the command, after which
   * another replica may supersede it. Dispatch uses it as the call's deadline (or an earlier one).
   */
  readonly sendBy: Date;
}

export interface SagaRetryPolicy {
  /** First retry delay after a transient failure (default 100 ms), doubling up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Attempts of a compensation before the saga goes to `compensation_failed` (default 8). */
  readonly compensationAttempts: number;
}

/** Test hooks at the two crash points of a step (the fixtures SIGKILL the process there). */
export interface SagaFaultHooks {
  afterCommit?(sagaId: string, commands: readonly OutboxCommand[]): void;
  afterSend?(sagaId: string, step: string): void;
}

export interface SagaRuntimeSettings<
  State,
  Event,
  Command extends SagaCommand,
  IdName extends string,
> {
  readonly definition: SagaDefinition<State, Event, Command, IdName>;
  readonly pool: Pool;
  readonly schema: string;
  readonly messaging: Messaging;
  readonly logger: SagaLogger;
  /** Sends one command through the typed clients; rejects with an RpcError on failure. */
  readonly dispatch: (command: Command, metadata: DispatchMetadata) => Promise<unknown>;
  /** Default `ledgerline.saga.<type>`. */
  readonly groupId?: string;
  readonly consumer?: Partial<Omit<ConsumerSettings, 'groupId' | 'topics'>>;
  /** How often due commands (retries, unsent after a crash) and deadlines are polled (250 ms). */
  readonly pollIntervalMs?: number;
  /**
   * How long a process owns a command it is sending before others may re-send or supersede it
   * (5 s; stretched to hold a whole `commandDeadlineMs` and its margins).
   */
  readonly claimMs?: number;
  /** The deadline `dispatch` gives a command (default half the claim): a send gets all of it. */
  readonly commandDeadlineMs?: number;
  readonly retry?: Partial<SagaRetryPolicy>;
  /** Bounds on commands in flight and sagas started, so a burst queues instead of timing out. */
  readonly flow?: SagaFlowSettings<Command>;
  readonly faults?: SagaFaultHooks;
}

export interface SagaRuntime {
  /** Feeds an event as if consumed (operators, tests); resolves once handled. */
  handleEvent(sagaId: string, eventId: string, event: unknown, starts: boolean): Promise<void>;
  /**
   * Handles the parked inputs (those whose `route` or `react` threw) again, as a start-up does:
   * each one handled is unparked; one that throws again stays, its attempts counted.
   */
  redriveParked(): Promise<{ readonly redriven: number; readonly stillParked: number }>;
  stop(): Promise<void>;
}

/**
 * The durable saga runtime: consumes the definition's topics in a consumer group, handles each
 * input in one statement (state, history/dedup, outbox, deadline), sends the committed commands
 * afterwards with their deterministic idempotency keys, feeds each command's outcome straight
 * back into `react`, retries transient failures with backoff and fires deadlines from a polled
 * table. Unsent commands and due deadlines survive a crash in PostgreSQL and are picked up by the
 * pollers of any replica (`FOR UPDATE SKIP LOCKED`). See docs/adr/0010-saga-runtime.md.
 */
/** Where an event whose `route` threw is parked: it belongs to no saga yet. */
const UNROUTED = '(unrouted)';

export const startSagaRuntime = async <
  State,
  Event,
  Command extends SagaCommand,
  IdName extends string,
>(
  settings: SagaRuntimeSettings<State, Event, Command, IdName>,
): Promise<SagaRuntime> => {
  const { definition, pool, logger: log } = settings;
  const tables = sagaTables(settings.schema);
  const retry: SagaRetryPolicy = {
    baseDelayMs: 100,
    maxDelayMs: 5_000,
    compensationAttempts: 8,
    ...settings.retry,
  };
  const configuredClaimMs = settings.claimMs ?? 5_000;
  // A send must end this long before its fence does (clock drift between replicas, scheduling).
  const fenceMarginMs = Math.min(500, Math.floor(configuredClaimMs / 4));
  const commandDeadlineMs = settings.commandDeadlineMs ?? configuredClaimMs / 2;
  // The fence outlasts a whole command deadline sent at once, so deadlines are never cut short.
  const claimMs = Math.max(configuredClaimMs, commandDeadlineMs + 2 * fenceMarginMs);
  // Every replica's fences carry its own name, so it never waits for a send of its own.
  const fence: SendFence = { owner: `${hostname()}:${process.pid}:${randomUUID()}`, claimMs };
  const pollIntervalMs = settings.pollIntervalMs ?? 250;
  const stopping = new AbortController();
  // Aborts starts still waiting for a place once stop() begins (before the consumer closes).
  const closing = new AbortController();
  const flow = sagaFlowControl(settings.flow);
  const queues = new KeyedMutex();
  const cache = new SagaStateCache();
  const inFlight = new Set<string>();
  const pending = new Set<Promise<unknown>>();
  const track = <T>(promise: Promise<T>): Promise<T> => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise)).catch(() => undefined);
    return promise;
  };

  await migrateSagas(pool, settings.schema);

  /** Retried with backoff on any failure (PostgreSQL down, say) until it succeeds or we stop. */
  const retrying = async <T>(work: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (stopping.signal.aborted || error instanceof ReactionFailed) throw error;
        log.warn({ err: error, attempt, saga: definition.type }, 'saga: write failed, retrying');
        await sleep(backoffDelay(attempt, { baseMs: 50, maxMs: 2_000 }), stopping.signal);
      }
    }
  };

  /** One transaction, retried with backoff on any failure until it commits or we stop. */
  const transaction = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      let client: PoolClient | undefined;
      try {
        client = await pool.connect();
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        if (client) {
          await client.query('ROLLBACK').catch(() => undefined);
          client.release(error instanceof Error ? error : undefined);
        }
        if (stopping.signal.aborted) throw error;
        log.warn(
          { err: error, attempt, saga: definition.type },
          'saga: transaction failed, retrying',
        );
        await sleep(backoffDelay(attempt, { baseMs: 50, maxMs: 2_000 }), stopping.signal);
      }
    }
  };

  // Inputs parked by this process: a deadline or an unsettled command fires again and again,
  // and must not run (and log) the failing reaction each time.
  const parkedHere = new Set<string>();
  const park = async (
    parked: Omit<Parameters<typeof parkInput>[2], 'type' | 'error'>,
    reason: unknown,
  ) => {
    const { sagaId, inputId } = parked;
    const error = reason instanceof Error ? reason.message : String(reason);
    await retrying(() => parkInput(pool, tables, { ...parked, type: definition.type, error }));
    parkedHere.add(`${sagaId}/${inputId}`);
    log.error(
      { saga: definition.type, sagaId, inputId, error },
      'saga: the saga’s code threw on an input; parked (platform sagas parked)',
    );
  };

  const handle = async (args: {
    sagaId: string;
    inputId: string;
    input: SagaInput<Event>;
    starts?: boolean;
    settles?: Settles;
    deadlineDueAt?: Date;
    redrive?: boolean;
  }): Promise<HandledInput> => {
    if (!args.redrive && parkedHere.has(`${args.sagaId}/${args.inputId}`))
      return { applied: false, commands: [] };
    let handled: HandledInput;
    try {
      handled = await retrying(() =>
        handleInput(pool, tables, cache, definition, {
          ...args,
          now: new Date(),
          claimUntil: new Date(Date.now() + claimMs),
          owner: fence.owner,
        }),
      );
    } catch (error) {
      if (!(error instanceof ReactionFailed)) throw error;
      await park(
        {
          sagaId: args.sagaId,
          inputId: args.inputId,
          input: args.input,
          starts: args.starts ?? false,
          settles: args.settles,
          deadlineDueAt: args.deadlineDueAt,
        },
        error.reason,
      );
      if (args.redrive) throw error;
      return { applied: false, commands: [] };
    }
    return afterHandled(args.sagaId, handled);
  };

  /** A written input: an ended saga frees its place, new commands go out behind it. */
  const afterHandled = (sagaId: string, handled: HandledInput): HandledInput => {
    if (handled.applied) flow.handled(sagaId, handled.status);
    if (handled.commands.length > 0) {
      settings.faults?.afterCommit?.(sagaId, handled.commands);
      schedule(sagaId, handled.commands, true);
    }
    return handled;
  };

  /**
   * The outcomes of commands sent together (the payment and the reservation, say): one write for
   * all of them, so a step of two commands costs one round trip like a step of one. Handled one by
   * one when the batch cannot be one write, or when one of them makes the saga's code throw (that
   * one is parked on its own, the others are handled).
   */
  const handleReplies = async (sagaId: string, replies: readonly InputToHandle<Event>[]) => {
    const fresh = replies.filter((r) => !parkedHere.has(`${sagaId}/${r.inputId}`));
    let handled: HandledInput = HANDLE_ONE_BY_ONE;
    if (fresh.length > 1)
      try {
        handled = await retrying(() =>
          handleInputs(pool, tables, cache, definition, {
            sagaId,
            inputs: fresh,
            now: new Date(),
            claimUntil: new Date(Date.now() + claimMs),
            owner: fence.owner,
          }),
        );
      } catch (error) {
        if (!(error instanceof ReactionFailed)) throw error;
      }
    if (!handled.oneByOne) {
      afterHandled(sagaId, handled);
      return;
    }
    for (const reply of fresh) await handle({ sagaId, ...reply });
  };

  /** Not sent: another replica superseded, settled or took over the command while it waited. */
  const NOT_SENT = Symbol('not sent');

  /** Sends one command inside this process's fence on it; NOT_SENT when the fence was lost. */
  const attempt = async (command: OutboxCommand): Promise<AttemptOutcome | typeof NOT_SENT> => {
    try {
      // Waits for room in its lane first: the deadline runs from the send, not from the queue.
      return await flow.send(command.command as Command, async () => {
        let heldUntil = command.heldUntil;
        // Waited for its turn long enough that the rest of the fence would cut its deadline.
        if (heldUntil - Date.now() - fenceMarginMs < commandDeadlineMs) {
          const renewed = await renewFence(pool, tables, command, fence);
          if (renewed === undefined) return NOT_SENT;
          heldUntil = renewed;
        }
        const result = await settings.dispatch(command.command as Command, {
          idempotencyKey: command.idempotencyKey,
          correlationId: command.sagaId,
          causationId: `${command.sagaId}:${command.step}`,
          sendBy: new Date(heldUntil - fenceMarginMs),
        });
        return { kind: 'succeeded', result: result ?? null };
      });
    } catch (error) {
      return classifyFailure(error);
    }
  };

  /**
   * The command's outcome as the saga's next input, to be handled by the caller; a transient
   * failure instead schedules the retry (and wakes the poller when it is due) or, for a
   * compensation out of attempts, puts the saga in compensation_failed.
   */
  const settle = async (
    command: OutboxCommand,
    outcome: AttemptOutcome,
  ): Promise<InputToHandle<Event> | undefined> => {
    const { sagaId, step, generation } = command;
    if (outcome.kind === 'transient') {
      const attempts = command.attempts + 1;
      if (command.compensation && attempts >= retry.compensationAttempts) {
        await compensationFailed(command, attempts, outcome.message);
        return undefined;
      }
      const delay = backoffDelay(attempts, { baseMs: retry.baseDelayMs, maxMs: retry.maxDelayMs });
      await retrying(() => scheduleRetry(pool, tables, command, attempts, outcome.message, delay));
      wakePollerIn(delay);
      log.warn(
        { saga: definition.type, sagaId, step, attempts, retryInMs: delay, error: outcome.message },
        'saga: command failed, retrying',
      );
      return undefined;
    }
    const input: SagaInput<Event> =
      outcome.kind === 'succeeded'
        ? { kind: 'succeeded', step, result: outcome.result }
        : {
            kind: 'rejected',
            step,
            code: outcome.code,
            rule: outcome.rule,
            message: outcome.message,
          };
    return {
      inputId: `reply:${step}:${generation}`,
      input,
      settles: { step, status: outcome.kind === 'succeeded' ? 'done' : 'rejected' },
    };
  };

  const compensationFailed = async (
    command: OutboxCommand,
    attempts: number,
    lastError: string,
  ): Promise<void> => {
    await transaction((client) =>
      markCompensationFailed(client, tables, command, attempts, lastError),
    );
    cache.delete(command.sagaId);
    flow.release(command.sagaId);
    log.error(
      {
        saga: definition.type,
        sagaId: command.sagaId,
        step: command.step,
        attempts,
        error: lastError,
      },
      'saga: compensation failed repeatedly; the saga needs an operator (sagas retry)',
    );
  };

  /**
   * An input handled between the commit and this slot (a deadline, say) may have superseded a
   * command, or another replica may have settled it: only still pending ones go out.
   */
  const stillPending = async (
    sagaId: string,
    commands: readonly OutboxCommand[],
    fresh: boolean,
  ): Promise<OutboxCommand[]> => {
    // Commands this process just wrote: its cache knows the outbox unless something else (a
    // poller's re-send, an operator) changed the saga since.
    const known = fresh ? cache.get(sagaId)?.pendingSteps : undefined;
    if (known) return commands.filter((c) => known.has(c.step));
    const stored = await pendingSteps(
      pool,
      tables,
      sagaId,
      commands.map((c) => c.step),
    );
    return commands.filter((c) => stored.has(c.step));
  };

  /**
   * Sends a saga's commands inside its queue, so an attempt never overlaps another input of the
   * same saga (a deadline sees either no attempt or a finished one); the outcomes are handled in
   * the same slot, and whatever they produce is queued behind it.
   */
  const schedule = (
    sagaId: string,
    commands: readonly OutboxCommand[],
    fromHandle: boolean,
  ): void => {
    const fresh = commands.filter((c) => !inFlight.has(`${sagaId}/${c.step}`));
    if (fresh.length === 0 || stopping.signal.aborted) return;
    for (const c of fresh) inFlight.add(`${sagaId}/${c.step}`);
    void track(
      queues
        .run(sagaId, async () => {
          const sendable = await stillPending(sagaId, fresh, fromHandle);
          const outcomes = await Promise.all(sendable.map((c) => attempt(c)));
          const replies: InputToHandle<Event>[] = [];
          for (const [i, command] of sendable.entries()) {
            const outcome = outcomes[i]!;
            if (outcome === NOT_SENT) continue;
            settings.faults?.afterSend?.(sagaId, command.step);
            const reply = await settle(command, outcome);
            if (reply) replies.push(reply);
          }
          await handleReplies(sagaId, replies);
        })
        .catch((error: unknown) =>
          log.warn({ err: error, saga: definition.type, sagaId }, 'saga: sending stopped'),
        )
        .finally(() => {
          for (const c of fresh) inFlight.delete(`${sagaId}/${c.step}`);
        }),
    );
  };

  /** Due commands: retries whose backoff passed and commands left unsent by a crashed process. */
  const pollCommands = async (): Promise<number> => {
    const due = await claimDueCommands(pool, tables, fence);
    const bySaga = new Map<string, OutboxCommand[]>();
    for (const command of due)
      bySaga.set(command.sagaId, [...(bySaga.get(command.sagaId) ?? []), command]);
    for (const [sagaId, commands] of bySaga) schedule(sagaId, commands, false);
    return due.length;
  };

  const firing = new Set<string>();
  const pollDeadlines = async (): Promise<number> => {
    const rows = await dueDeadlines(pool, tables);
    for (const row of rows) {
      if (firing.has(row.saga_id)) continue;
      firing.add(row.saga_id);
      void track(
        queues
          .run(row.saga_id, () =>
            handle({
              sagaId: row.saga_id,
              inputId: `deadline:${row.name}:${row.due_at.toISOString()}`,
              input: { kind: 'deadline', name: row.name },
              deadlineDueAt: row.due_at,
            }),
          )
          .catch((error: unknown) =>
            log.warn({ err: error, sagaId: row.saga_id }, 'saga: deadline not handled'),
          )
          .finally(() => firing.delete(row.saga_id)),
      );
    }
    return rows.length;
  };

  // The pollers sleep `pollIntervalMs`, or less when a retry this process scheduled falls due
  // sooner: a retry waits for its backoff, not for the next round of polling.
  let nap = new AbortController();
  const wakePollerIn = (delayMs: number): void => {
    // A few ms late, so PostgreSQL's clock finds the retry due too.
    setTimeout(() => nap.abort(), delayMs + 5).unref();
  };
  const pollers = (async () => {
    while (!stopping.signal.aborted) {
      try {
        await pollCommands();
        await pollDeadlines();
      } catch (error) {
        log.warn({ err: error, saga: definition.type }, 'saga: polling failed');
      }
      if (!nap.signal.aborted)
        await sleep(pollIntervalMs, AbortSignal.any([stopping.signal, nap.signal]));
      nap = new AbortController();
    }
  })();

  const handleEvent = (sagaId: string, eventId: string, event: Event, starts: boolean) =>
    queues.run(sagaId, () =>
      handle({ sagaId, inputId: `event:${eventId}`, input: { kind: 'event', event }, starts }),
    );

  const wanted = new Set(definition.eventTypes);
  const processBatch = async (batch: ConsumedBatch): Promise<void> => {
    const bySaga = new Map<
      string,
      { eventId: string; event: Event; starts: boolean; traceparent: string | undefined }[]
    >();
    for (const message of batch.messages) {
      const type = message.headers['ce_type'];
      if (type === undefined || !wanted.has(type)) continue;
      let decoded;
      try {
        decoded = fromCloudEventMessage(message);
      } catch (error) {
        log.warn({ err: error, saga: definition.type }, 'saga: malformed message skipped');
        continue;
      }
      let routed;
      try {
        routed = definition.route(decoded);
      } catch (error) {
        const input = { kind: 'unrouted' as const, message: decoded };
        await park(
          { sagaId: UNROUTED, inputId: `event:${decoded.eventId}`, input, starts: false },
          error,
        );
        continue;
      }
      if (!routed) continue;
      const list = bySaga.get(routed.sagaId) ?? [];
      list.push({
        eventId: decoded.eventId,
        event: routed.event,
        starts: routed.starts,
        traceparent: decoded.traceparent,
      });
      bySaga.set(routed.sagaId, list);
    }
    const heartbeat = setInterval(() => void batch.heartbeat().catch(() => undefined), 1_000);
    try {
      await Promise.all(
        [...bySaga].map(async ([sagaId, events]) => {
          for (const e of events) {
            // A start waits here, and the batch with it, while too many sagas run: a burst stays
            // in Kafka instead of starting payment deadlines it cannot meet.
            const admitted = e.starts && (await flow.admit(sagaId, closing.signal));
            try {
              // In the event's trace: the commands it sends carry it over gRPC.
              const handled = await inEventContext(
                `saga ${definition.type}`,
                e.traceparent,
                { 'ledgerline.saga_id': sagaId, 'ledgerline.event_id': e.eventId },
                () => handleEvent(sagaId, e.eventId, e.event, e.starts),
              );
              if (admitted && !handled.applied) flow.release(sagaId);
            } catch (error) {
              if (admitted) flow.release(sagaId);
              throw error;
            }
          }
        }),
      );
    } finally {
      clearInterval(heartbeat);
    }
  };

  const consumer: MessageConsumer = await settings.messaging.consumer({
    sessionTimeoutMs: 10_000,
    ...settings.consumer,
    groupId: settings.groupId ?? `ledgerline.saga.${definition.type}`,
    topics: definition.topics,
  });
  consumer.onAssignment((assignment) =>
    log.info({ saga: definition.type, assignment }, 'saga: partitions assigned'),
  );
  const consuming = consumer.run(processBatch);
  log.info({ saga: definition.type, topics: definition.topics }, 'saga: started');

  /** Handles one parked input again; false when it threw again (it stays parked). */
  const redriveOne = async (parked: ParkedInput): Promise<boolean> => {
    if (parked.sagaId !== UNROUTED)
      return queues.run(parked.sagaId, () =>
        handle({
          sagaId: parked.sagaId,
          inputId: parked.inputId,
          input: parked.input as SagaInput<Event>,
          starts: parked.starts,
          ...(parked.settles ? { settles: parked.settles } : {}),
          // Its deadline row was consumed when it was parked: nothing to check it against.
          redrive: true,
        }).then(() => true),
      );
    const { message } = parked.input as { message: Parameters<typeof definition.route>[0] };
    let routed;
    try {
      routed = definition.route(message);
    } catch (error) {
      const { sagaId, inputId, input } = parked;
      await park({ sagaId, inputId, input: input as never, starts: false }, error);
      return false;
    }
    if (!routed) return true;
    const { sagaId, event, starts } = routed;
    return queues.run(sagaId, () =>
      handle({
        sagaId,
        inputId: parked.inputId,
        input: { kind: 'event', event },
        starts,
        redrive: true,
      }).then(() => true),
    );
  };

  const redriveParked = async () => {
    let redriven = 0;
    let stillParked = 0;
    for (const parked of await listParkedInputs(pool, tables, definition.type)) {
      const handled = await redriveOne(parked).catch((error: unknown) => {
        if (error instanceof ReactionFailed) return false;
        throw error;
      });
      if (!handled) {
        stillParked += 1;
        continue;
      }
      await unparkInput(pool, tables, parked.sagaId, parked.inputId);
      parkedHere.delete(`${parked.sagaId}/${parked.inputId}`);
      redriven += 1;
    }
    if (redriven + stillParked > 0)
      log.info({ saga: definition.type, redriven, stillParked }, 'saga: parked inputs redriven');
    return { redriven, stillParked };
  };
  // A restart is how a fixed release arrives: what the old code could not handle is tried again.
  void track(
    redriveParked().catch((error: unknown) =>
      log.warn({ err: error, saga: definition.type }, 'saga: could not redrive parked inputs'),
    ),
  );

  return {
    handleEvent: (sagaId, eventId, event, starts) =>
      handleEvent(sagaId, eventId, event as Event, starts).then(() => undefined),
    redriveParked,
    async stop() {
      if (stopping.signal.aborted) return;
      closing.abort();
      await consumer.close();
      await consuming.catch(() => undefined);
      stopping.abort();
      await pollers;
      await Promise.allSettled([...pending]);
    },
  };
};
