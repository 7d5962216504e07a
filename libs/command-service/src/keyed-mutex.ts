import { Overloaded } from '@ledgerline/grpc';

/** The commands queued for one stream in this process reached the cap: RESOURCE_EXHAUSTED. */
export class CommandQueueFull extends Overloaded {
  override readonly name = 'CommandQueueFull';

  constructor(
    readonly key: string,
    readonly waiting: number,
    retryAfterMs: number,
  ) {
    super(
      'COMMAND_QUEUE_FULL',
      `${waiting} commands already wait for this entity; retry later`,
      retryAfterMs,
    );
  }
}

/** Waiters one key may have behind its running task when no cap is given. */
export const DEFAULT_MAX_WAITERS_PER_KEY = 64;
const MIN_RETRY_AFTER_MS = 50;
const MAX_RETRY_AFTER_MS = 5_000;

/**
 * Runs tasks for the same key one after another (FIFO) and tasks for different keys freely.
 * Commands on one stream inside one process queue here instead of racing into optimistic
 * concurrency conflicts; across processes the expected-version check still decides.
 *
 * The queue of one key is bounded: beyond `maxWaitersPerKey` tasks waiting behind the running
 * one, `run` rejects with CommandQueueFull at once (a hot entity cannot pile up unbounded work
 * and memory), its retry hint the queue's expected drain time from recent task durations.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, { tail: Promise<unknown>; size: number }>();
  /** Moving average of task durations, for the retry hint. */
  private averageTaskMs = 10;

  constructor(private readonly maxWaitersPerKey = DEFAULT_MAX_WAITERS_PER_KEY) {}

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const queue = this.tails.get(key);
    const size = queue?.size ?? 0;
    // `size` counts the running task too: the waiters are the rest.
    if (size > this.maxWaitersPerKey) {
      const drainMs = this.averageTaskMs * size;
      const retryAfterMs = Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, drainMs));
      return Promise.reject(new CommandQueueFull(key, size - 1, Math.round(retryAfterMs)));
    }
    const timed = () => {
      const started = performance.now();
      return task().finally(() => {
        this.averageTaskMs = 0.9 * this.averageTaskMs + 0.1 * (performance.now() - started);
      });
    };
    const result = (queue?.tail ?? Promise.resolve()).then(timed, timed);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    const entry = { tail, size: size + 1 };
    this.tails.set(key, entry);
    void tail.then(() => {
      const current = this.tails.get(key);
      if (!current) return;
      if (current.tail === tail) this.tails.delete(key);
      else current.size -= 1;
    });
    return result;
  }

  get activeKeys(): number {
    return this.tails.size;
  }
}
