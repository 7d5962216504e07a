/** Exponential backoff with full jitter, capped: 100 ms, 200 ms, 400 ms … up to `maxMs`. */
export const backoffDelay = (attempt: number, { baseMs = 100, maxMs = 5_000 } = {}): number =>
  Math.round(Math.random() * Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16)));

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
