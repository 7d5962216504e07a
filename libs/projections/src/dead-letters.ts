import { type OutgoingMessage } from '@ledgerline/messaging';
import { type Pool } from 'pg';
import { deadLetterMessage } from './batch-record';
import { type RuntimeState } from './runtime-state';

/**
 * Sends parked events to the dead-letter topic after their parking committed (the parked rows are
 * the truth; the topic is a copy for people and tools), so a Kafka outage never holds a batch's
 * transaction open. A row is marked once its message went out; what a failed send left is sent on
 * the next batch that parks or the next sweep. At least once: a crash between the send and the
 * mark, or two replicas sweeping together, sends a message twice.
 */
export const deadLetterSender = (deps: {
  readonly pool: Pool;
  readonly state: RuntimeState;
  readonly projection: string;
  readonly send: (messages: readonly OutgoingMessage[]) => Promise<void>;
  readonly log: (fields: object, message: string) => void;
  readonly sweepMs: number;
}) => {
  let running: Promise<void> | undefined;
  let again = false;

  const sendPending = async () => {
    for (;;) {
      const rows = await deps.state.notDeadLettered(deps.pool, deps.projection, 500);
      if (rows.length === 0) return;
      await deps.send(rows.map(deadLetterMessage));
      await deps.state.markDeadLettered(
        deps.pool,
        rows.map((row) => row.id),
      );
      if (rows.length < 500) return;
    }
  };

  /** Starts a send of everything pending, unless one runs (which then runs once more). */
  const kick = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = sendPending()
      .catch((error: unknown) =>
        deps.log({ err: error }, 'projector: dead-letter send failed; it is retried later'),
      )
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          kick();
        }
      });
  };

  const timer = setInterval(kick, deps.sweepMs);
  timer.unref();

  return {
    kick,
    /** Stops sweeping and waits for a send in progress. */
    async stop(): Promise<void> {
      clearInterval(timer);
      again = false;
      await running;
    },
  };
};
