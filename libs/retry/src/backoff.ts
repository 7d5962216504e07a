export interface BackoffOptions {
  /** The first delay's ceiling (default 100 ms); it doubles per attempt. */
  readonly baseMs?: number;
  /** The cap (default 5 s). */
  readonly maxMs?: number;
}

/**
 * Exponential backoff with full jitter, capped: a random delay below 100 ms, 200 ms, 400 ms …
 * up to `maxMs`, so many clients retrying at once spread out instead of arriving together.
 */
export const backoffDelay = (
  attempt: number,
  { baseMs = 100, maxMs = 5_000 }: BackoffOptions = {},
): number => Math.round(Math.random() * Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16)));

/** Waits `ms`, or until `signal` aborts (then at once); never rejects. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
