import { type Consumer, type ConsumerRunConfig } from 'kafkajs';
import { type BridgeLogger } from './log-bridge';

export interface CrashRestartOptions {
  readonly groupId: string;
  /** True once the member is leaving on purpose: a crash then restarts nothing. */
  readonly isClosing: () => boolean;
  readonly logger?: BridgeLogger;
  /** The first restart's delay; each further one doubles it, up to `maxDelayMs`. */
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface CrashRestarts {
  /** What `run` was started with: a restart runs the member again with it. */
  running(config: ConsumerRunConfig): void;
  /** A batch was handled: the member works again, the next crash starts the delays over. */
  handled(): void;
  cancel(): void;
}

/**
 * kafkajs restarts a crashed consumer only when it deems the crash's cause retriable. After any
 * other cause it leaves the member stopped while the process looks healthy: a handler's
 * TypeError (its retrier treats those as unrecoverable), a group coordinator it gave up finding
 * on a broker still loading, a lock timeout. A projector or saga would then stall for good. This
 * runs such a member again, with a doubling delay; the attempts count from the last batch it
 * handled, so a message that crashes it every time backs off instead of churning the group.
 */
export const restartAfterCrashes = (
  consumer: Consumer,
  { groupId, isClosing, logger, firstDelayMs = 500, maxDelayMs = 30_000 }: CrashRestartOptions,
): CrashRestarts => {
  let config: ConsumerRunConfig | undefined;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;

  const schedule = (cause: unknown): void => {
    if (isClosing() || !config) return;
    const retryInMs = Math.min(firstDelayMs * 2 ** attempt, maxDelayMs);
    attempt++;
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    // A member that keeps crashing is an error someone has to look at; one crash is not.
    logger?.[attempt > 3 ? 'error' : 'warn'](
      { component: 'kafkajs', groupId, attempt, retryInMs, reason },
      `kafka: the consumer of group ${groupId} stopped after ${reason}; running it again`,
    );
    timer = setTimeout(() => void restart(), retryInMs);
  };

  const restart = async (): Promise<void> => {
    timer = undefined;
    if (isClosing() || !config) return;
    try {
      // The crash disconnected it; a start that crashes again emits another CRASH.
      await consumer.connect();
      await consumer.run(config);
    } catch (error) {
      schedule(error);
    }
  };

  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) schedule(payload.error);
  });

  return {
    running(started) {
      config = started;
    },
    handled() {
      attempt = 0;
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
};
