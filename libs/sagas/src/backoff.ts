/** Exponential backoff with jitter, capped: about 100 ms, 200 ms, 400 ms … up to `maxMs`. */
export const backoffDelay = (attempt: number, baseMs: number, maxMs: number): number =>
  Math.round(Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16)) * (0.5 + Math.random() / 2));

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });

/** Connection failures and SQLSTATE classes 08, 40, 53, 57, 58: retry the transaction. */
export const isTransientDatabaseError = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error instanceof Error;
  return (
    /^(08|40|53|57|58)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(code)
  );
};
