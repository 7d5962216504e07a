import { type Pool, type PoolClient } from 'pg';

import { START, type Checkpoint, type ReadAllOptions, type ReadAllResult } from './types';

export interface SubscribeOptions {
  /** Start after this checkpoint (default: the beginning of the log). */
  readonly after?: Checkpoint;
  readonly categories?: readonly string[];
  /** Events per handler call (default 500). */
  readonly batchSize?: number;
  /** Polling fallback when no notification arrives (default 500 ms). */
  readonly pollIntervalMs?: number;
  /** Called once if the subscription stops on an error (the handler's or the database's). */
  readonly onError?: (error: unknown) => void;
}

/** Receives each batch in log order; the next batch is read only after this resolves. */
export type BatchHandler = (
  events: ReadAllResult['events'],
  checkpoint: Checkpoint,
) => Promise<void> | void;

export interface Subscription {
  /** Stops after the batch in progress; resolves once the listener connection is released. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves on stop(), rejects with the error that ended it. */
  readonly done: Promise<void>;
  /** The checkpoint of the last batch the handler completed. */
  readonly checkpoint: Checkpoint;
}

interface LogReader {
  readonly channel: string;
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;
  hasEventsAfter(after: Checkpoint, options: Pick<ReadAllOptions, 'categories'>): Promise<boolean>;
}

/** Re-read delays while committed events wait behind an older open transaction: 5, 10, 20 ms (kept short: it bounds the relay's latency). */
const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 20;

/**
 * Catch-up then live: reads the log in batches until nothing is readable, then waits for a
 * NOTIFY on the store's channel (on a dedicated connection) or the poll interval, whichever comes
 * first. When nothing is readable but committed events exist past the checkpoint (an older
 * transaction is still open, ADR 0004), it re-reads after 5, 10, then every 20 ms instead.
 */
export const subscribe = (
  reader: LogReader,
  pool: Pool,
  { after = START, categories, batchSize = 500, pollIntervalMs = 500, onError }: SubscribeOptions,
  handler: BatchHandler,
): Subscription => {
  let checkpoint = after;
  let stopped = false;
  let notified = false;
  let sleeping: { wake(): void; onNotify: boolean } | undefined;
  let listener: PoolClient | undefined;
  let connectionLost: Error | undefined;
  const filter = categories ? { categories } : {};

  /** Sleeps `ms`; a notification cuts it short when `onNotify` (and skips it if one already came). */
  const sleep = (ms: number, onNotify: boolean): Promise<void> => {
    if (stopped || (onNotify && notified)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(wake, ms);
      function wake(): void {
        clearTimeout(timer);
        sleeping = undefined;
        resolve();
      }
      sleeping = { wake, onNotify };
    });
  };

  const onNotification = (): void => {
    notified = true;
    if (sleeping?.onNotify) sleeping.wake();
  };

  const onListenerError = (error: Error): void => {
    connectionLost = error;
    sleeping?.wake();
  };

  const run = async (): Promise<void> => {
    listener = await pool.connect();
    listener.on('notification', onNotification);
    listener.on('error', onListenerError);
    await listener.query(`LISTEN "${reader.channel}"`);
    let retryMs = 0;
    while (!stopped) {
      // Without its LISTEN connection the subscription would silently degrade to polling.
      if (connectionLost) throw connectionLost;
      notified = false;
      const { events, checkpoint: next } = await reader.readAll({
        after: checkpoint,
        limit: batchSize,
        ...filter,
      });
      if (stopped) break;
      if (events.length > 0) {
        await handler(events, next);
        checkpoint = next;
        retryMs = 0;
        continue;
      }
      if (await reader.hasEventsAfter(checkpoint, filter)) {
        // Committed but not yet readable: an older transaction is still open. Look again soon.
        retryMs = Math.min(Math.max(retryMs * 2, FIRST_RETRY_MS), MAX_RETRY_MS, pollIntervalMs);
        await sleep(retryMs, false);
      } else {
        retryMs = 0;
        await sleep(pollIntervalMs, true);
      }
    }
  };

  const release = (error?: Error): void => {
    const client = listener;
    listener = undefined;
    if (!client) return;
    client.off('notification', onNotification);
    client.off('error', onListenerError);
    // Destroy rather than return to the pool: the connection still LISTENs.
    client.release(error ?? true);
  };

  const done = run().then(
    () => release(),
    (error: unknown) => {
      stopped = true;
      release(error instanceof Error ? error : new Error(String(error)));
      onError?.(error);
      throw error;
    },
  );
  // `done` is for callers who await it; an unobserved failure is reported through onError.
  done.catch(() => undefined);

  return {
    async stop() {
      stopped = true;
      sleeping?.wake();
      await done.catch(() => undefined);
    },
    done,
    get checkpoint() {
      return checkpoint;
    },
  };
};
