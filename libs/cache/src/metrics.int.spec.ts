import { metrics } from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { servers, uniqueName } from '@ledgerline/testing';
import { createCache } from './cache';
import { Redis } from 'ioredis';
import { capturedLogger, dropNamespaces, readModel } from './fixtures/controls';

class TestReader extends MetricReader {
  protected onForceFlush = () => Promise.resolve();
  protected onShutdown = () => Promise.resolve();
}

describe('cache metrics', () => {
  const reader = new TestReader();
  const provider = new MeterProvider({ readers: [reader] });
  beforeAll(() => metrics.setGlobalMeterProvider(provider));
  afterAll(async () => {
    metrics.disable();
    await provider.shutdown();
  });

  it('counts hits, misses and stale reads per namespace', async () => {
    const namespace = uniqueName('metrics');
    const { redisUrl } = await servers();
    const cache = await createCache({
      redisUrl,
      namespace,
      logger: capturedLogger().logger,
    });
    try {
      const model = readModel({ value: 'x', version: 1 });
      await cache.read('k', { ttlMs: 10_000 }, model.load);
      await cache.read('k', { ttlMs: 10_000 }, model.load);
      await cache.read('k', { ttlMs: 10_000, minVersion: 2 }, model.load);

      const { resourceMetrics } = await reader.collect();
      const reads = resourceMetrics.scopeMetrics
        .flatMap((scope) => scope.metrics)
        .find((metric) => metric.descriptor.name === 'ledgerline_cache_reads');
      const byOutcome: Record<string, number> = {};
      for (const point of reads?.dataPoints ?? [])
        if (point.attributes['cache.namespace'] === namespace)
          byOutcome[String(point.attributes['outcome'])] = point.value as number;
      expect(byOutcome).toEqual({ hit: 1, miss: 1, stale: 1 });
    } finally {
      await cache.close();
      const raw = new Redis(redisUrl);
      await dropNamespaces(raw, [namespace]);
      raw.disconnect();
    }
  });
});
