import { metrics } from '@opentelemetry/api';

export type Outcome = 'hits' | 'misses' | 'stale' | 'bypassed' | 'errors';

export type CacheCounts = Record<Outcome, number>;

/**
 * Counts read outcomes and Redis errors, locally (for `stats()`) and as OpenTelemetry counters
 * `ledgerline.cache.<outcome>` tagged with the namespace. The instruments are created here, not
 * at module load, because `metrics.getMeter` returns a no-op meter until the composition root has
 * registered a provider.
 */
export const createCounters = (namespace: string) => {
  const meter = metrics.getMeter('@ledgerline/cache');
  const attributes = { 'cache.namespace': namespace };
  const descriptions: Record<Outcome, string> = {
    hits: 'Reads answered from Redis',
    misses: 'Reads that found no entry and loaded from the read model',
    stale: 'Reads that found an entry older than the version floor or minVersion and reloaded',
    bypassed: 'Reads that skipped Redis (circuit open or Redis failed) and loaded directly',
    errors: 'Redis commands that failed or timed out',
  };
  const counts: CacheCounts = { hits: 0, misses: 0, stale: 0, bypassed: 0, errors: 0 };
  const instruments = Object.fromEntries(
    (Object.keys(descriptions) as Outcome[]).map((outcome) => [
      outcome,
      meter.createCounter(`ledgerline.cache.${outcome}`, { description: descriptions[outcome] }),
    ]),
  ) as Record<Outcome, ReturnType<typeof meter.createCounter>>;
  return {
    add(outcome: Outcome): void {
      counts[outcome] += 1;
      instruments[outcome].add(1, attributes);
    },
    snapshot: (): CacheCounts => ({ ...counts }),
  };
};
