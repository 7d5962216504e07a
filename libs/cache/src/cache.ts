import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type Logger } from '@ledgerline/logging';
import { type RedisCredentials } from './credentials';
import { type CircuitState } from './circuit-breaker';
import { type CacheCounts, createCounters } from './counters';
import { CacheUsageError } from './errors';
import { cacheKeys } from './keys';
import { BYPASS, connectGuarded } from './guarded-redis';

/** A read model row as the cache stores it: its JSON-safe value and its stream version. */
export interface Versioned<T> {
  readonly value: T;
  readonly version: number;
}

export interface ReadOptions {
  /** How long a loaded value stays cached. */
  readonly ttlMs: number;
  /** From a consistency token: never answer from the cache with an older version. */
  readonly minVersion?: number;
}

export interface VersionBump {
  readonly key: string;
  readonly version: number;
}

export interface CacheStats extends CacheCounts {
  readonly circuit: CircuitState;
}

export interface Cache {
  /**
   * Cache-aside read of one entity. Answers from Redis when the entry is at least as new as the
   * version floor and `minVersion`; otherwise calls `load` (the read model) and writes the result
   * back unless something newer is known. Returns what it loaded even when that is older than
   * `minVersion` (the read model lags): comparing is the caller's decision. Not-found results are
   * not cached. Never fails because of Redis; fails only when `load` does.
   */
  read<T>(
    key: string,
    options: ReadOptions,
    load: () => Promise<Versioned<T> | undefined>,
  ): Promise<Versioned<T> | undefined>;
  /**
   * For projectors, after each committed batch: records each key's newest version (the floor,
   * kept `floorTtlMs`) and deletes older entries, so neither a cached entry nor a slow reader's
   * write-back older than the batch is served afterwards. Best effort: never throws; a lost
   * bump is logged and makes this instance skip Redis until it can bump the generation.
   */
  bumpVersions(entries: readonly VersionBump[]): Promise<void>;
  /** Deletes entries without recording versions (no protection against racing readers). */
  invalidate(keys: readonly string[]): Promise<void>;
  stats(): CacheStats;
  close(): Promise<void>;
}

export interface CacheSettings {
  readonly redisUrl: string;
  /** User, password and CA beyond the URL's (security on); none locally. */
  readonly credentials?: RedisCredentials;
  /** The view, e.g. `account-balances-v1`; change it when the cached value's shape changes. */
  readonly namespace: string;
  readonly logger: Logger;
  readonly commandTimeoutMs?: number;
  /** Consecutive Redis failures that make the cache skip Redis. */
  readonly failureThreshold?: number;
  /** How long it skips Redis before probing it again. */
  readonly openMs?: number;
  /** How long a version floor outlives its last bump; loads slower than half of it are not cached. */
  readonly floorTtlMs?: number;
  /** How long `createCache` waits for a first connection before starting without Redis. */
  readonly connectTimeoutMs?: number;
}

const BUMP_CHUNK = 100;

const assertVersion = (version: number, what: string): void => {
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new CacheUsageError(`${what} must be a non-negative integer, got ${version}`);
  }
};

/**
 * The Redis cache of one read model view. See docs/adr/0007-read-cache.md for why stale values
 * cannot be served: version floors close the read-versus-projector race, and a generation token,
 * replaced whenever this instance reconnects after skipping Redis, drops every entry that a lost
 * invalidation might have left behind.
 */
export const createCache = async (settings: CacheSettings): Promise<Cache> => {
  const { namespace, logger, floorTtlMs = 600_000 } = settings;
  const keys = cacheKeys(namespace);
  const counters = createCounters(namespace);
  const guarded = await connectGuarded({
    redisUrl: settings.redisUrl,
    ...(settings.credentials && { credentials: settings.credentials }),
    namespace,
    logger,
    commandTimeoutMs: settings.commandTimeoutMs ?? 50,
    failureThreshold: settings.failureThreshold ?? 3,
    openMs: settings.openMs ?? 5_000,
    connectTimeoutMs: settings.connectTimeoutMs ?? 1_000,
    // Nothing cached before the outage may be served after it: a lost invalidation could be
    // anywhere in it. A new generation retires every entry at once.
    recover: async (redis) => {
      await redis.set(keys.generation, randomUUID());
    },
    onError: () => counters.add('errors'),
  });
  const loadAndWriteBack = async <T>(
    key: string,
    generation: string,
    ttlMs: number,
    load: () => Promise<Versioned<T> | undefined>,
  ): Promise<Versioned<T> | undefined> => {
    const started = performance.now();
    const loaded = await load();
    if (loaded === undefined) return undefined;
    assertVersion(loaded.version, 'a loaded version');
    const json = JSON.stringify(loaded.value);
    // A load slower than this may predate a floor that has since expired: do not cache it.
    if (json === undefined || performance.now() - started > floorTtlMs / 2) return loaded;
    const outcome = await guarded.attempt((redis) =>
      redis.ledgerlineCacheWriteBack(
        keys.entry(key),
        keys.floor(key),
        keys.generation,
        generation,
        String(loaded.version),
        json,
        String(ttlMs),
      ),
    );
    if (outcome !== BYPASS && outcome !== 'stored') {
      logger.debug(
        { namespace, key, version: loaded.version, outcome },
        'cache: write-back refused',
      );
    }
    return loaded;
  };

  /** Concurrent misses of a key share one load, when its result is new enough for the joiner. */
  const inflight = new Map<string, Promise<Versioned<unknown> | undefined>>();
  const loadShared = async <T>(
    key: string,
    required: number,
    loadOwn: () => Promise<Versioned<T> | undefined>,
  ): Promise<Versioned<T> | undefined> => {
    const shared = inflight.get(key) as Promise<Versioned<T> | undefined> | undefined;
    if (shared) {
      const result = await shared;
      if (result === undefined ? required < 0 : result.version >= required) return result;
      return loadOwn();
    }
    const own = loadOwn();
    inflight.set(key, own);
    try {
      return await own;
    } finally {
      if (inflight.get(key) === own) inflight.delete(key);
    }
  };

  return {
    async read<T>(
      key: string,
      { ttlMs, minVersion }: ReadOptions,
      load: () => Promise<Versioned<T> | undefined>,
    ): Promise<Versioned<T> | undefined> {
      if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
        throw new CacheUsageError(`ttlMs must be a positive integer, got ${ttlMs}`);
      }
      if (minVersion !== undefined) assertVersion(minVersion, 'minVersion');
      const reply = await guarded.attempt((redis) =>
        redis.ledgerlineCacheRead(
          keys.entry(key),
          keys.floor(key),
          keys.generation,
          String(minVersion ?? 0),
          randomUUID(),
        ),
      );
      if (reply === BYPASS) {
        counters.add('bypassed');
        return load();
      }
      if (reply[0] === 'hit') {
        try {
          const hit = { value: JSON.parse(reply[4]) as T, version: Number(reply[3]) };
          counters.add('hits');
          return hit;
        } catch {
          counters.add('errors');
        }
      }
      counters.add(reply[0] === 'miss' ? 'misses' : 'stale');
      const [, generation, floor] = reply;
      const required = Math.max(floor, minVersion ?? -1);
      return loadShared(key, required, () => loadAndWriteBack(key, generation, ttlMs, load));
    },

    async bumpVersions(entries) {
      const newest = new Map<string, number>();
      for (const { key, version } of entries) {
        assertVersion(version, `the version of ${key}`);
        newest.set(key, Math.max(newest.get(key) ?? 0, version));
      }
      if (newest.size === 0) return;
      const pairs = [...newest];
      const chunks = Array.from({ length: Math.ceil(pairs.length / BUMP_CHUNK) }, (_, i) =>
        pairs.slice(i * BUMP_CHUNK, (i + 1) * BUMP_CHUNK),
      );
      const result = await guarded.attempt((redis) =>
        Promise.all(
          chunks.map((chunk) =>
            redis.ledgerlineCacheBumpVersions(
              chunk.length * 2,
              ...chunk.flatMap(([key]) => [keys.floor(key), keys.entry(key)]),
              String(floorTtlMs),
              ...chunk.map(([, version]) => String(version)),
            ),
          ),
        ),
      );
      if (result === BYPASS) guarded.lost('bumpVersions', newest.size);
    },

    async invalidate(ids) {
      if (ids.length === 0) return;
      const entryKeys = ids.map((id) => keys.entry(id));
      const result = await guarded.attempt((redis) => redis.del(...entryKeys));
      if (result === BYPASS) guarded.lost('invalidate', ids.length);
    },

    stats: () => ({ ...counters.snapshot(), circuit: guarded.state }),

    close: () => guarded.close(),
  };
};
