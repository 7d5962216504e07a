import { sleep } from '@ledgerline/retry';
import { claimDueCommands, dueDeadlines } from './outbox';
import { type SagaCommand } from './saga';
import { type OutboxCommand } from './store';
import { type SagaRuntimeContext } from './runtime-context';
import { type ScheduleCommands } from './runtime-dispatch';
import { type HandleInput } from './runtime-inputs';

export type PollerNap = ReturnType<typeof pollerNap>;

// The pollers sleep `pollIntervalMs`, or less when a retry this process scheduled falls due
// sooner: a retry waits for its backoff, not for the next round of polling.
export const pollerNap = () => {
  let nap = new AbortController();
  return {
    wakeIn: (delayMs: number): void => {
      // A few ms late, so PostgreSQL's clock finds the retry due too.
      setTimeout(() => nap.abort(), delayMs + 5).unref();
    },
    /** Sleeps `ms` unless woken (since the last sleep) or stopped. */
    sleep: async (ms: number, stopping: AbortSignal): Promise<void> => {
      if (!nap.signal.aborted) await sleep(ms, AbortSignal.any([stopping, nap.signal]));
      nap = new AbortController();
    },
  };
};

/**
 * Polls due commands and deadlines until the runtime stops; resolves then. Any replica's pollers
 * pick up what a crashed process left (`FOR UPDATE SKIP LOCKED`).
 */
export const runPollers = async <State, Event, Command extends SagaCommand, IdName extends string>(
  ctx: SagaRuntimeContext<State, Event, Command, IdName>,
  nap: PollerNap,
  deps: {
    readonly schedule: ScheduleCommands;
    readonly handle: HandleInput<Event>;
  },
): Promise<void> => {
  const { definition, pool, tables, log, fence, queues } = ctx;

  /** Due commands: retries whose backoff passed and commands left unsent by a crashed process. */
  const pollCommands = async (): Promise<number> => {
    const due = await claimDueCommands(pool, tables, fence);
    const bySaga = new Map<string, OutboxCommand[]>();
    for (const command of due)
      bySaga.set(command.sagaId, [...(bySaga.get(command.sagaId) ?? []), command]);
    for (const [sagaId, commands] of bySaga) deps.schedule(sagaId, commands, false);
    return due.length;
  };

  const firing = new Set<string>();
  const pollDeadlines = async (): Promise<number> => {
    const rows = await dueDeadlines(pool, tables);
    for (const row of rows) {
      if (firing.has(row.saga_id)) continue;
      firing.add(row.saga_id);
      void ctx.track(
        queues
          .run(row.saga_id, () =>
            deps.handle({
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

  while (!ctx.stopping.aborted) {
    try {
      await pollCommands();
      await pollDeadlines();
    } catch (error) {
      log.warn({ err: error, saga: definition.type }, 'saga: polling failed');
    }
    await nap.sleep(ctx.pollIntervalMs, ctx.stopping);
  }
};
