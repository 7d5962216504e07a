import { type Redis } from 'ioredis';

/**
 * The three Lua scripts. Each runs atomically in Redis, so the version checks and the writes
 * they guard cannot interleave with another client's. Versions travel as decimal strings and
 * compare as Lua numbers (exact up to 2^53, like JavaScript's).
 */

/**
 * KEYS: entry, floor, generation. ARGV: minVersion, a fresh generation token (used only when
 * the namespace has none yet). Returns {status, generation, floor, version?, json?} where status
 * is `hit`, `miss` (no entry) or `stale` (older than the floor or minVersion, or of an earlier
 * generation). The floor is -1 when none is recorded.
 */
const read = `
local generation = redis.call('GET', KEYS[3])
if not generation then
  generation = ARGV[2]
  redis.call('SET', KEYS[3], generation)
end
local floor = tonumber(redis.call('GET', KEYS[2])) or -1
local entry = redis.call('HMGET', KEYS[1], 'v', 'g', 'd')
if not entry[1] then return {'miss', generation, floor} end
local version = tonumber(entry[1])
if entry[2] ~= generation or version < floor or version < tonumber(ARGV[1]) then
  return {'stale', generation, floor}
end
return {'hit', generation, floor, entry[1], entry[3]}
`;

/**
 * KEYS: entry, floor, generation. ARGV: the generation the reader saw, version, json, ttlMs.
 * Stores the loaded value unless the namespace changed generation since the read, a projector
 * has recorded a newer version (the floor), or a newer entry is already cached. Returns
 * `stored`, `generation`, `floor` or `newer`.
 */
const writeBack = `
if redis.call('GET', KEYS[3]) ~= ARGV[1] then return 'generation' end
local version = tonumber(ARGV[2])
local floor = tonumber(redis.call('GET', KEYS[2]))
if floor and version < floor then return 'floor' end
local entry = redis.call('HMGET', KEYS[1], 'v', 'g')
if entry[1] and entry[2] == ARGV[1] and tonumber(entry[1]) > version then return 'newer' end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'g', ARGV[1], 'd', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 'stored'
`;

/**
 * KEYS: floor1, entry1, floor2, entry2, … ARGV: floorTtlMs, version1, version2, … Raises each
 * floor to the given version (never lowers it), restarts its TTL, and deletes the entry when it
 * is older than the floor. Returns how many entries it deleted.
 */
const bumpVersions = `
local deleted = 0
for i = 1, #KEYS, 2 do
  local version = ARGV[(i + 1) / 2 + 1]
  local current = redis.call('GET', KEYS[i])
  if current and tonumber(current) > tonumber(version) then version = current end
  redis.call('SET', KEYS[i], version, 'PX', ARGV[1])
  local cached = tonumber(redis.call('HGET', KEYS[i + 1], 'v'))
  if cached and cached < tonumber(version) then
    redis.call('DEL', KEYS[i + 1])
    deleted = deleted + 1
  end
end
return deleted
`;

export const scripts = {
  ledgerlineCacheRead: { lua: read, numberOfKeys: 3 },
  ledgerlineCacheWriteBack: { lua: writeBack, numberOfKeys: 3 },
  ledgerlineCacheBumpVersions: { lua: bumpVersions },
};

export type ReadReply =
  | [status: 'miss' | 'stale', generation: string, floor: number]
  | [status: 'hit', generation: string, floor: number, version: string, json: string];

export type WriteBackOutcome = 'stored' | 'generation' | 'floor' | 'newer';

/** A client created with `scripts`: ioredis adds one method per script (EVALSHA, EVAL fallback). */
export type ScriptedRedis = Redis & {
  ledgerlineCacheRead(
    entry: string,
    floor: string,
    generation: string,
    minVersion: string,
    freshGeneration: string,
  ): Promise<ReadReply>;
  ledgerlineCacheWriteBack(
    entry: string,
    floor: string,
    generation: string,
    seenGeneration: string,
    version: string,
    json: string,
    ttlMs: string,
  ): Promise<WriteBackOutcome>;
  ledgerlineCacheBumpVersions(numberOfKeys: number, ...keysThenArgs: string[]): Promise<number>;
};
