/**
 * Polls `probe` until it stops throwing, then returns its value; rethrows the last failure once
 * `timeoutMs` has passed. For asynchronous pipelines (relay → Kafka → projector) where a sleep
 * would either be too short on a slow machine or waste time on a fast one.
 */
export const eventually = async <T>(
  probe: () => Promise<T> | T,
  { timeoutMs = 20_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
};
