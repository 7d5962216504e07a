// The checkout benchmark's burst: `--burst N` places N orders at once, far above what the platform
// sustains, and measures how the backlog drains: checkouts ended per second (goodput) and how
// many times each saga command had to be sent (attempts per step), from the saga's own outbox.
import { randomUUID } from 'node:crypto';
import { type Pool } from 'pg';
import { confirmationWatcher, percentile } from './watch';

/** Orders placed by this many concurrent callers, each as soon as its previous one is accepted. */
const BURST_PLACERS = 64;
/** The drain is given up when no checkout ends for this long (a stall, not a slow drain). */
const STALL_MS = 60_000;

export interface BurstSettings {
  readonly pool: Pool;
  readonly readSchema: string;
  readonly sagaSchema: string;
  readonly orders: number;
  /** Places one order with the given id; `i` spreads orders over customers and merchants. */
  readonly place: (orderId: string, i: number) => Promise<unknown>;
  /** Everything the checkout service has logged so far (its retries are counted from it). */
  readonly checkoutLog: () => string;
}

const retriesLogged = (log: string) => {
  const retries = log.split('\n').filter((line) => line.includes('saga: command failed, retrying'));
  return {
    retries: retries.length,
    deadlines: retries.filter((line) => line.includes('DEADLINE_EXCEEDED')).length,
  };
};

/** Sends of each command of the given sagas: one, plus one per transient failure recorded. */
const commandAttempts = async (pool: Pool, sagaSchema: string, sagaIds: readonly string[]) => {
  const { rows } = await pool.query<{
    commands: string;
    failures: string;
    retried: string;
    most: number | null;
  }>(
    `SELECT count(*) AS commands, coalesce(sum(attempts), 0) AS failures,
            count(*) FILTER (WHERE attempts > 0) AS retried, max(attempts) AS most
     FROM "${sagaSchema}".saga_commands WHERE saga_id = ANY($1)`,
    [sagaIds],
  );
  const row = rows[0]!;
  const commands = Number(row.commands);
  return {
    commands,
    perStep: (commands + Number(row.failures)) / Math.max(1, commands),
    retried: Number(row.retried),
    most: 1 + (row.most ?? 0),
  };
};

export const runBurst = async (settings: BurstSettings) => {
  const watcher = confirmationWatcher(settings.pool, settings.readSchema);
  const logBefore = retriesLogged(settings.checkoutLog());
  const started = performance.now();
  let next = 0;
  const orderIds: string[] = [];
  await Promise.all(
    Array.from({ length: BURST_PLACERS }, async () => {
      while (next < settings.orders) {
        const i = next++;
        const orderId = randomUUID();
        orderIds.push(orderId);
        watcher.watch(orderId, started);
        await settings.place(orderId, i);
      }
    }),
  );
  const placedMs = performance.now() - started;
  // Until every order ended, or none has ended for STALL_MS.
  let seen = 0;
  let progressAt = performance.now();
  while (watcher.pending() > 0 && performance.now() - progressAt < STALL_MS) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (watcher.ended.length > seen) {
      seen = watcher.ended.length;
      progressAt = performance.now();
    }
  }
  const ended = [...watcher.ended].sort((a, b) => a.at - b.at);
  await watcher.stop(0);
  const drainMs = (ended.at(-1)?.at ?? performance.now()) - started;
  const latencies = ended.map((e) => e.at - started);
  const logAfter = retriesLogged(settings.checkoutLog());
  return {
    placed: orderIds.length,
    placedMs,
    ended: ended.length,
    confirmed: watcher.done.length,
    drainMs,
    goodput: ended.length / (drainMs / 1000),
    // The middle of the drain, after the first and before the last 10% ended: the sustained part.
    middleGoodput:
      ended.length >= 10
        ? (0.8 * ended.length) /
          ((ended[Math.floor(0.9 * ended.length) - 1]!.at -
            ended[Math.floor(0.1 * ended.length)]!.at) /
            1000)
        : NaN,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    attempts: await commandAttempts(settings.pool, settings.sagaSchema, orderIds),
    retriesLogged: logAfter.retries - logBefore.retries,
    deadlinesLogged: logAfter.deadlines - logBefore.deadlines,
  };
};
