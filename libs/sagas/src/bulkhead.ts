/**
 * A counting semaphore with a FIFO queue: at most `limit` holders at once, the rest wait in
 * arrival order. The saga runtime puts one in front of each target service (commands queue in
 * the saga, where waiting is free, instead of inside the service, where it runs out their
 * deadline) and one in front of saga starts (a burst waits in Kafka, not half-started).
 */
export class Bulkhead {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`bulkhead: limit must be a positive integer, got ${limit}`);
  }

  /**
   * Resolves with the release function once a place is free (release is idempotent); rejects if
   * `signal` aborts first, leaving the queue.
   */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.held < this.limit) this.held += 1;
    else
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const at = this.waiting.indexOf(granted);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(signal?.reason as Error);
        };
        const granted = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        this.waiting.push(granted);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The place passes straight to the next in line: `held` stays the same.
      if (next) next();
      else this.held -= 1;
    };
  }

  /** Runs `task` in a place of its own, releasing the place however it ends. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }

  get inUse(): number {
    return this.held;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
