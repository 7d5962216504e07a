import { eventually, type RedisServer, startRedisServer, uniqueName } from '@ledgerline/testing';
import { type Cache, createCache, type Versioned } from './cache';
import { capturedLogger, readModel } from './fixtures/controls';

const TTL = { ttlMs: 60_000 };
const at = (version: number): Versioned<{ amount: number }> => ({
  value: { amount: version * 100 },
  version,
});

/** Reads `times` times, each answering within `withinMs`; returns the answers. */
const timedReads = async (cache: Cache, load: () => Promise<Versioned<unknown> | undefined>) => {
  const answers: unknown[] = [];
  for (let i = 0; i < 10; i += 1) {
    const started = performance.now();
    answers.push(await cache.read('acc-1', TTL, load));
    expect(performance.now() - started).toBeLessThan(200);
  }
  return answers;
};

describe('the read cache when Redis goes away (a private redis-server)', () => {
  let server: RedisServer;
  let cache: Cache;
  let lines: Record<string, unknown>[];

  beforeEach(async () => {
    server = await startRedisServer();
    const captured = capturedLogger();
    lines = captured.lines;
    cache = await createCache({
      redisUrl: server.url,
      namespace: uniqueName('outage'),
      logger: captured.logger,
      openMs: 200,
    });
  });
  afterEach(async () => {
    await cache.close();
    await server.stop();
  });

  it('answers from the read model while Redis is killed and caches again once it is back', async () => {
    const model = readModel(at(1));
    await cache.read('acc-1', TTL, model.load);
    expect(await cache.read('acc-1', TTL, model.load)).toEqual(at(1));

    await server.kill();
    expect(await timedReads(cache, model.load)).toEqual(Array.from({ length: 10 }, () => at(1)));
    expect(cache.stats()).toMatchObject({ circuit: 'open', bypassed: 10 });

    model.row = at(2);
    const started = performance.now();
    await cache.bumpVersions([{ key: 'acc-1', version: 2 }]);
    expect(performance.now() - started).toBeLessThan(200);

    await server.restart();
    const answers: unknown[] = [];
    await eventually(async () => {
      const hits = cache.stats().hits;
      answers.push(await cache.read('acc-1', TTL, model.load));
      expect(cache.stats().hits).toBeGreaterThan(hits);
    });
    expect(answers.every((answer) => JSON.stringify(answer) === JSON.stringify(at(2)))).toBe(true);
    expect(cache.stats().circuit).toBe('closed');
  });

  it('serves nothing older than an invalidation lost while Redis was paused', async () => {
    // SIGSTOP keeps Redis's data: the v1 entry survives the outage, and the projector's bump for
    // v2 never reaches Redis because the circuit is open. Only the new generation on recovery
    // stops v1 from being served afterwards.
    const model = readModel(at(1));
    await cache.read('acc-1', TTL, model.load);

    server.pause();
    expect(await timedReads(cache, model.load)).toEqual(Array.from({ length: 10 }, () => at(1)));
    expect(cache.stats().circuit).not.toBe('closed');

    model.row = at(2);
    await cache.bumpVersions([{ key: 'acc-1', version: 2 }]);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'warn', operation: 'bumpVersions', keys: 1 }),
    );

    server.resume();
    const answers: unknown[] = [];
    await eventually(async () => {
      const hits = cache.stats().hits;
      answers.push(await cache.read('acc-1', TTL, model.load));
      expect(cache.stats().hits).toBeGreaterThan(hits);
    });
    expect(answers.every((answer) => JSON.stringify(answer) === JSON.stringify(at(2)))).toBe(true);
    const recovered = (line: Record<string, unknown>) =>
      line['level'] === 'info' && String(line['msg']).includes('new generation');
    expect(lines.some(recovered)).toBe(true);
  });

  it('stops trusting Redis after a single lost invalidation', async () => {
    // However many read failures the circuit tolerates, one lost bump is enough to skip Redis
    // until the generation has been replaced.
    const tolerant = await createCache({
      redisUrl: server.url,
      namespace: uniqueName('outage'),
      logger: capturedLogger().logger,
      failureThreshold: 1_000,
    });
    try {
      server.pause();
      await tolerant.bumpVersions([{ key: 'acc-1', version: 2 }]);
      expect(tolerant.stats()).toMatchObject({ circuit: 'open', errors: 1 });
    } finally {
      server.resume();
      await tolerant.close();
    }
  });

  it('starts and answers when Redis is down at start-up', async () => {
    await server.kill();
    const other = await createCache({
      redisUrl: server.url,
      namespace: uniqueName('outage'),
      logger: capturedLogger().logger,
      connectTimeoutMs: 100,
    });
    try {
      const model = readModel(at(1));
      expect(await timedReads(other, model.load)).toEqual(Array.from({ length: 10 }, () => at(1)));
    } finally {
      await other.close();
    }
  });
});
