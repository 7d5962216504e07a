import { ConfigError } from '@ledgerline/config';
import { type PostgresEventStore, type PrunedIdempotencyKeys } from '@ledgerline/event-store';
import { type Logger } from '@ledgerline/logging';
import { sleep } from '@ledgerline/retry';
import { metrics } from '@opentelemetry/api';

export interface IdempotencyPrunerSettings {
  readonly store: Pick<PostgresEventStore, 'pruneIdempotencyKeys' | 'schema'>;
  readonly logger: Logger;
  /** Clients' keys older than this are deleted. */
  readonly retentionHours: number;
  /** Saga steps' keys (`saga:` prefix) older than this are deleted; at least `retentionHours`. */
  readonly sagaRetentionHours: number;
  /** Pause between runs (default 10 minutes, jittered ±20% so replicas spread out). */
  readonly intervalMs?: number;
  /** Rows per DELETE (default 1,000): each batch is one short statement. */
  readonly batchSize?: number;
}

export interface IdempotencyPruner {
  /** One pass now (tests, operators): deletes every expired key, batch by batch. */
  runOnce(): Promise<PrunedIdempotencyKeys>;
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;
const DEFAULT_INTERVAL_MS = 10 * 60_000;
/** The first pass waits a little, so a start-up is not slowed by it. */
const FIRST_RUN_DELAY_MS = 30_000;

const jittered = (ms: number): number => Math.round(ms * (0.8 + Math.random() * 0.4));

/**
 * Deletes expired idempotency keys periodically, so the table holds only the retention window.
 * Every replica may run one: concurrent batches skip each other's rows (the store's `SKIP
 * LOCKED`), and no statement holds a transaction open between batches. A failed pass (PostgreSQL
 * unreachable) is logged and tried again at the next interval.
 */
export const startIdempotencyPruner = (settings: IdempotencyPrunerSettings): IdempotencyPruner => {
  const { store, logger, retentionHours, sagaRetentionHours } = settings;
  if (sagaRetentionHours < retentionHours)
    throw new ConfigError(
      'IDEMPOTENCY_SAGA_RETENTION_HOURS',
      `must be >= IDEMPOTENCY_RETENTION_HOURS (${retentionHours}), got ${sagaRetentionHours}`,
    );
  const intervalMs = settings.intervalMs ?? DEFAULT_INTERVAL_MS;
  const meter = metrics.getMeter('ledgerline.command-service');
  const prunedCounter = meter.createCounter('ledgerline_idempotency_keys_pruned', {
    description: 'Idempotency keys deleted after their retention',
  });

  const runOnce = async (): Promise<PrunedIdempotencyKeys> => {
    const started = Date.now();
    const pruned = await store.pruneIdempotencyKeys({
      olderThanMs: retentionHours * HOUR_MS,
      sagaKeysOlderThanMs: sagaRetentionHours * HOUR_MS,
      ...(settings.batchSize !== undefined && { batchSize: settings.batchSize }),
    });
    const attributes = { schema: store.schema };
    prunedCounter.add(pruned.clientKeys, { ...attributes, kind: 'client' });
    prunedCounter.add(pruned.sagaKeys, { ...attributes, kind: 'saga' });
    if (pruned.clientKeys + pruned.sagaKeys > 0)
      logger.info(
        { ...pruned, retentionHours, sagaRetentionHours, ms: Date.now() - started },
        'idempotency keys pruned',
      );
    return pruned;
  };

  const stopping = new AbortController();
  const loop = (async () => {
    await sleep(jittered(Math.min(FIRST_RUN_DELAY_MS, intervalMs)), stopping.signal);
    while (!stopping.signal.aborted) {
      await runOnce().catch((error: unknown) =>
        logger.warn({ err: error }, 'idempotency keys not pruned; trying again later'),
      );
      await sleep(jittered(intervalMs), stopping.signal);
    }
  })();

  return {
    runOnce,
    async stop() {
      stopping.abort();
      await loop;
    },
  };
};
