import { metrics } from '@opentelemetry/api';

export type Outcome = 'hits' | 'misses' | 'stale' | 'bypassed' | 'errors';

export type CacheCounts = Record<Outcome, number>;

/** How each read outcome is labelled on `ledgerline_cache_reads_total`. */
const READ_LABELS: Record<Exclude<Outcome, 'errors'>, string> = {
  hits: 'hit',
  misses: 'miss',
  stale: 'stale',
  bypassed: 'bypassed',
};

/**
 * Counts read outcomes and Redis errors, locally (for `stats()`) and as the OpenTelemetry counters
 * `ledgerline_cache_reads` (attribute `outcome`: hit, miss, stale, bypassed) and
 * `ledgerline_cache_errors`, both tagged with the namespace; Prometheus shows them with `_total`.
 * The instruments are created here, not at module load, because `metrics.getMeter` returns a no-op
 * meter until the composition root has registered a provider.
 */
export const createCounters = (namespace: string) => {
  const meter = metrics.getMeter('ledgerline.cache');
  const reads = meter.createCounter('ledgerline_cache_reads', {
    description:
      'Cache reads by outcome: hit (from Redis), miss (loaded), stale (older than the floor, reloaded), bypassed (Redis skipped)',
  });
  const errors = meter.createCounter('ledgerline_cache_errors', {
    description: 'Redis commands that failed or timed out',
  });
  const counts: CacheCounts = { hits: 0, misses: 0, stale: 0, bypassed: 0, errors: 0 };
  return {
    add(outcome: Outcome): void {
      counts[outcome] += 1;
      if (outcome === 'errors') errors.add(1, { 'cache.namespace': namespace });
      else reads.add(1, { 'cache.namespace': namespace, outcome: READ_LABELS[outcome] });
    },
    snapshot: (): CacheCounts => ({ ...counts }),
  };
};
