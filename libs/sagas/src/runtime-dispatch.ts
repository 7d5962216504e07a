import { backoffDelay } from '@ledgerline/retry';
import { markCompensationFailed, pendingSteps, renewFence, scheduleRetry } from './outbox';
import { type AttemptOutcome, classifyFailure } from './outcome';
import { type SagaCommand, type SagaInput } from './saga';
import { type InputToHandle, type OutboxCommand } from './store';
import { retrying, type SagaRuntimeContext, transaction } from './runtime-context';

/** Sends a saga's committed commands (`fromHandle`: just written by this process). */
export type ScheduleCommands = (
  sagaId: string,
  commands: readonly OutboxCommand[],
  fromHandle: boolean,
) => void;

/** Not sent: another replica superseded, settled or took over the command while it waited. */
const NOT_SENT = Symbol('not sent');

/**
 * Sends committed commands and turns their outcomes into the saga's next inputs, which go back
 * through `handleReplies`; transient failures are retried with backoff through the outbox.
 */
export const sagaDispatch = <State, Event, Command extends SagaCommand, IdName extends string>(
  ctx: SagaRuntimeContext<State, Event, Command, IdName>,
  deps: {
    readonly handleReplies: (
      sagaId: string,
      replies: readonly InputToHandle<Event>[],
    ) => Promise<void>;
    /** Wakes the pollers once a retry scheduled `delayMs` from now is due. */
    readonly wakePollerIn: (delayMs: number) => void;
  },
) => {
  const { definition, pool, tables, log, settings, retry, fence, flow, cache, queues } = ctx;
  const { fenceMarginMs, commandDeadlineMs } = ctx.timings;
  const inFlight = new Set<string>();

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
      await retrying(ctx, () =>
        scheduleRetry(pool, tables, command, attempts, outcome.message, delay),
      );
      deps.wakePollerIn(delay);
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
    await transaction(ctx, (client) =>
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
    if (fresh.length === 0 || ctx.stopping.aborted) return;
    for (const c of fresh) inFlight.add(`${sagaId}/${c.step}`);
    void ctx.track(
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
          await deps.handleReplies(sagaId, replies);
        })
        .catch((error: unknown) =>
          log.warn({ err: error, saga: definition.type, sagaId }, 'saga: sending stopped'),
        )
        .finally(() => {
          for (const c of fresh) inFlight.delete(`${sagaId}/${c.step}`);
        }),
    );
  };

  return { schedule };
};
