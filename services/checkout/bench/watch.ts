// The checkout benchmark's view of outcomes: orders it placed, watched in the orders read model.
import { type Pool } from 'pg';

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Watches the orders read model for confirmations of the orders it is told about. */
export const confirmationWatcher = (pool: Pool, readSchema: string) => {
  const pending = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  const done: { orderId: string; at: number; latencyMs: number }[] = [];
  /** Every watched order that ended, confirmed or cancelled, and when it was seen. */
  const ended: { orderId: string; at: number }[] = [];
  let cancelled = 0;
  let running = true;
  const loop = (async () => {
    while (running || pending.size > 0) {
      const ids = [...pending.keys()];
      if (ids.length > 0) {
        const { rows } = await pool.query<{ order_id: string; status: string }>(
          `SELECT order_id, status FROM "${readSchema}".orders
           WHERE order_id = ANY($1) AND status IN ('confirmed', 'cancelled')`,
          [ids],
        );
        const now = performance.now();
        for (const row of rows) {
          const started = pending.get(row.order_id);
          pending.delete(row.order_id);
          waiters.get(row.order_id)?.();
          waiters.delete(row.order_id);
          ended.push({ orderId: row.order_id, at: now });
          if (row.status === 'cancelled') cancelled += 1;
          else if (started !== undefined)
            done.push({ orderId: row.order_id, at: now, latencyMs: now - started });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return {
    watch: (orderId: string, startedAt: number) => pending.set(orderId, startedAt),
    /** Resolves once the order is confirmed (or cancelled) in the read model. */
    settled: (orderId: string) => new Promise<void>((resolve) => waiters.set(orderId, resolve)),
    done,
    ended,
    cancelled: () => cancelled,
    pending: () => pending.size,
    async stop(timeoutMs: number) {
      const until = performance.now() + timeoutMs;
      while (pending.size > 0 && performance.now() < until)
        await new Promise((resolve) => setTimeout(resolve, 50));
      running = false;
      pending.clear();
      await loop;
    },
  };
};
