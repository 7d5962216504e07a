import { createHash } from 'node:crypto';
import { servers, uniqueName } from '@ledgerline/testing';
import { Redis } from 'ioredis';
import { type Cache, createCache, type Versioned } from './cache';
import { capturedLogger, deferred, dropNamespaces, readModel } from './fixtures/controls';
import { cacheKeys } from './keys';
import { scripts } from './scripts';

type Balance = { accountId: string; balance: { amount: string; currency: string }; tags: string[] };
const balance = (amount: string): Balance => ({
  accountId: 'acc-1',
  balance: { amount, currency: 'EUR' },
  tags: ['a', 'b'],
});
const at = (version: number, amount = `${version}00`): Versioned<Balance> => ({
  value: balance(amount),
  version,
});

const TTL = { ttlMs: 60_000 };

describe('the read cache against a running Redis', () => {
  let redisUrl: string;
  let raw: Redis;
  const opened: Cache[] = [];
  const namespaces: string[] = [];
  const open = async (namespace: string): Promise<Cache> => {
    const cache = await createCache({ redisUrl, namespace, logger: capturedLogger().logger });
    opened.push(cache);
    namespaces.push(namespace);
    return cache;
  };
  let namespace: string;
  let cache: Cache;

  beforeAll(async () => {
    redisUrl = (await servers()).redisUrl;
    raw = new Redis(redisUrl);
  });
  beforeEach(async () => {
    namespace = uniqueName('cache');
    cache = await open(namespace);
  });
  afterAll(async () => {
    await Promise.all(opened.map((c) => c.close()));
    await dropNamespaces(raw, namespaces);
    raw.disconnect();
  });

  describe('start-up', () => {
    it('loads its scripts as it connects, before the first read or invalidation', async () => {
      // Given a Redis that holds none of the cache's scripts
      await raw.script('FLUSH');

      // When a cache connects
      await open(uniqueName('cache'));

      // Then every one of them is loaded
      const shas = Object.values(scripts).map(({ lua }) =>
        createHash('sha1').update(lua).digest('hex'),
      );
      expect(await raw.script('EXISTS', ...shas)).toEqual(shas.map(() => 1));
    });
  });

  describe('cache-aside', () => {
    it('loads on a miss, then answers from Redis until the TTL expires', async () => {
      const model = readModel(at(1));
      expect(await cache.read('acc-1', { ttlMs: 300 }, model.load)).toEqual(at(1));
      expect(await cache.read('acc-1', { ttlMs: 300 }, model.load)).toEqual(at(1));
      expect(model.loads).toBe(1);
      expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, stale: 0, errors: 0 });

      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await cache.read('acc-1', { ttlMs: 300 }, model.load)).toEqual(at(1));
      expect(model.loads).toBe(2);
    });

    it('stores entries under ledgerline:<view>:<id> with the row version', async () => {
      await cache.read('acc-1', TTL, readModel(at(7)).load);
      const stored = await raw.hgetall(cacheKeys(namespace).entry('acc-1'));
      expect(stored['v']).toBe('7');
      expect(JSON.parse(stored['d']!)).toEqual(balance('700'));
      const pttl = await raw.pttl(cacheKeys(namespace).entry('acc-1'));
      expect(pttl).toBeGreaterThan(50_000);
    });

    it('does not cache not-found', async () => {
      const model = readModel<Balance>(at(1));
      model.row = undefined;
      expect(await cache.read('acc-1', TTL, model.load)).toBeUndefined();
      expect(await cache.read('acc-1', TTL, model.load)).toBeUndefined();
      expect(model.loads).toBe(2);
    });
  });

  describe('minVersion', () => {
    it('treats an older cached entry as a miss and caches the newer row', async () => {
      const model = readModel(at(1));
      await cache.read('acc-1', TTL, model.load);
      model.row = at(2);

      expect(await cache.read('acc-1', { ...TTL, minVersion: 2 }, model.load)).toEqual(at(2));
      expect(cache.stats().stale).toBe(1);
      expect(await cache.read('acc-1', TTL, model.load)).toEqual(at(2));
      expect(model.loads).toBe(2);
    });

    it('answers from the cache when the entry is new enough', async () => {
      const model = readModel(at(3));
      await cache.read('acc-1', TTL, model.load);
      expect(await cache.read('acc-1', { ...TTL, minVersion: 3 }, model.load)).toEqual(at(3));
      expect(model.loads).toBe(1);
    });

    it('returns the loaded row even when the read model lags the token', async () => {
      const model = readModel(at(1));
      expect(await cache.read('acc-1', { ...TTL, minVersion: 4 }, model.load)).toEqual(at(1));
    });
  });

  describe('invalidation by projectors', () => {
    it('bumpVersions drops older entries so the next read loads the committed row', async () => {
      const model = readModel(at(1));
      await cache.read('acc-1', TTL, model.load);
      model.row = at(2);
      await cache.bumpVersions([{ key: 'acc-1', version: 2 }]);

      expect(await raw.exists(cacheKeys(namespace).entry('acc-1'))).toBe(0);
      expect(await cache.read('acc-1', TTL, model.load)).toEqual(at(2));
    });

    it('bumpVersions never lowers a floor and keeps newer entries', async () => {
      const model = readModel(at(5));
      await cache.read('acc-1', TTL, model.load);
      await cache.bumpVersions([{ key: 'acc-1', version: 5 }]);
      await cache.bumpVersions([
        { key: 'acc-1', version: 3 },
        { key: 'acc-2', version: 1 },
      ]);
      expect(await raw.get(cacheKeys(namespace).floor('acc-1'))).toBe('5');
      expect(await cache.read('acc-1', TTL, model.load)).toEqual(at(5));
      expect(model.loads).toBe(1);
    });

    it('bumps batches larger than one script call', async () => {
      const ids = Array.from({ length: 250 }, (_, i) => `acc-${i}`);
      await cache.bumpVersions(ids.map((key) => ({ key, version: 9 })));
      const floors = await raw.mget(ids.map((id) => cacheKeys(namespace).floor(id)));
      expect(floors.every((floor) => floor === '9')).toBe(true);
    });

    it('invalidate deletes entries', async () => {
      const model = readModel(at(1));
      await cache.read('acc-1', TTL, model.load);
      await cache.invalidate(['acc-1']);
      await cache.read('acc-1', TTL, model.load);
      expect(model.loads).toBe(2);
    });

    it('a reader that loaded before a projector commit cannot cache the old row after it', async () => {
      // Reader: miss → loads v1 from the read model → (paused) … projector commits v2 and bumps
      // → reader resumes and writes back v1. The write-back must be refused.
      const model = readModel(at(1));
      const loaded = deferred();
      const release = deferred();
      const slowReader = cache.read('acc-1', TTL, async () => {
        const row = await model.load();
        loaded.resolve();
        await release.promise;
        return row;
      });
      await loaded.promise;

      model.row = at(2);
      await cache.bumpVersions([{ key: 'acc-1', version: 2 }]);
      release.resolve();

      expect(await slowReader).toEqual(at(1));
      expect(await raw.exists(cacheKeys(namespace).entry('acc-1'))).toBe(0);
      expect(await cache.read('acc-1', TTL, model.load)).toEqual(at(2));
      expect(await cache.read('acc-1', TTL, model.load)).toEqual(at(2));
      expect(model.loads).toBe(2);
    });
  });

  describe('concurrent readers', () => {
    it('share one load on a cold key', async () => {
      const model = readModel(at(1));
      const release = deferred();
      const load = async () => {
        await release.promise;
        return model.load();
      };
      const reads = Array.from({ length: 20 }, () => cache.read('acc-1', TTL, load));
      await new Promise((resolve) => setTimeout(resolve, 50));
      release.resolve();

      expect(await Promise.all(reads)).toEqual(Array.from({ length: 20 }, () => at(1)));
      expect(model.loads).toBe(1);
      expect(await cache.read('acc-1', TTL, model.load)).toEqual(at(1));
      expect(model.loads).toBe(1);
    });

    it('do not share a load that started before a bump they have seen', async () => {
      const model = readModel(at(1));
      const loaded = deferred();
      const release = deferred();
      const early = cache.read('acc-1', TTL, async () => {
        const row = await model.load();
        loaded.resolve();
        await release.promise;
        return row;
      });
      await loaded.promise;
      model.row = at(2);
      await cache.bumpVersions([{ key: 'acc-1', version: 2 }]);

      const late = cache.read('acc-1', TTL, model.load);
      await new Promise((resolve) => setTimeout(resolve, 20));
      release.resolve();

      expect(await early).toEqual(at(1));
      expect(await late).toEqual(at(2));
      expect(await cache.read('acc-1', TTL, model.load)).toEqual(at(2));
    });

    it('never let a slow write-back replace a newer entry', async () => {
      // Two query processes on one namespace: A loads v1 and stalls; B loads v2 and caches it.
      const other = await open(namespace);
      const model = readModel(at(1));
      const loaded = deferred();
      const release = deferred();
      const slowA = cache.read('acc-1', TTL, async () => {
        const row = await model.load();
        loaded.resolve();
        await release.promise;
        return row;
      });
      await loaded.promise;
      model.row = at(2);
      expect(await other.read('acc-1', TTL, model.load)).toEqual(at(2));
      release.resolve();
      expect(await slowA).toEqual(at(1));

      expect(await cache.read('acc-1', TTL, model.load)).toEqual(at(2));
      expect(await other.read('acc-1', TTL, model.load)).toEqual(at(2));
      expect(model.loads).toBe(2);
    });
  });
});
