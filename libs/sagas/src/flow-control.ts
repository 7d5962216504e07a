import { Bulkhead } from './bulkhead';
import { type SagaCommand, type SagaStatus } from './saga';

/**
 * How a saga runtime keeps a burst from turning into a retry storm: overload must add waiting,
 * not repeated work. Unbounded, a burst of a thousand starts sends a thousand commands at once; they
 * queue inside the target services (connection pools, per-stream queues) until their gRPC deadlines
 * pass, are retried while the services still work off the abandoned calls, and payment deadlines
 * fire for sagas that never got a turn. Bounded, commands wait in the saga before they are sent
 * (their deadline starts when they go out) and new sagas wait in Kafka until running ones end.
 */
export interface SagaFlowSettings<Command extends SagaCommand> {
  /** The queue a command waits in before it is sent, e.g. its target service (default: one). */
  readonly laneOf?: (command: Command) => string;
  /** Commands in flight at once per lane (default 32): a few times what a service runs at once. */
  readonly commandsInFlightPerLane?: number;
  /** Sagas this process started and that have not ended (default 200); further starts wait. */
  readonly maxActiveSagas?: number;
  /**
   * How long a started saga holds its place at most (default 60 s), so one waiting out an outage,
   * or handled by another replica since, cannot keep new sagas out for good.
   */
  readonly activeSagaHoldMs?: number;
}

const ENDED: ReadonlySet<SagaStatus> = new Set(['completed', 'compensated', 'compensation_failed']);

export const sagaFlowControl = <Command extends SagaCommand>(
  settings: SagaFlowSettings<Command> = {},
) => {
  const perLane = settings.commandsInFlightPerLane ?? 32;
  const holdMs = settings.activeSagaHoldMs ?? 60_000;
  const lanes = new Map<string, Bulkhead>();
  const starts = new Bulkhead(settings.maxActiveSagas ?? 200);
  const active = new Map<string, () => void>();

  const laneFor = (command: Command): Bulkhead => {
    const name = settings.laneOf?.(command) ?? 'commands';
    let lane = lanes.get(name);
    if (!lane) lanes.set(name, (lane = new Bulkhead(perLane)));
    return lane;
  };

  /** Frees the saga's place among the active ones (no-op when it holds none). */
  const release = (sagaId: string): void => {
    active.get(sagaId)?.();
  };

  return {
    /** Sends one command when its lane has room; the deadline starts inside `send`. */
    send: <T>(command: Command, send: () => Promise<T>): Promise<T> => laneFor(command).run(send),

    /**
     * Waits for a place before a saga starts (rejects when `signal` aborts first). True when it
     * took a new place; false at once for a saga already holding one.
     */
    async admit(sagaId: string, signal?: AbortSignal): Promise<boolean> {
      if (active.has(sagaId)) return false;
      const releasePlace = await starts.acquire(signal);
      let timer: NodeJS.Timeout | undefined = undefined;
      const releaseOnce = () => {
        clearTimeout(timer);
        if (active.get(sagaId) === releaseOnce) active.delete(sagaId);
        releasePlace();
      };
      timer = setTimeout(releaseOnce, holdMs);
      timer.unref();
      active.set(sagaId, releaseOnce);
      return true;
    },

    /** After each applied input: a saga that ended gives its place back. */
    handled(sagaId: string, status: SagaStatus | undefined): void {
      if (status && ENDED.has(status)) release(sagaId);
    },

    release,

    /** Sagas holding a place, and commands queued before their lane (for logs and tests). */
    load: () => ({
      activeSagas: active.size,
      queuedCommands: [...lanes.values()].reduce((sum, lane) => sum + lane.queued, 0),
    }),
  };
};

export type SagaFlowControl = ReturnType<typeof sagaFlowControl>;
