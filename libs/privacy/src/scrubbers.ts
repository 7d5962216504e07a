import { REDACTED } from '@ledgerline/domain';
import { type SearchClient } from '@ledgerline/search';
import { Redis } from 'ioredis';

/** A copy of `value` with every string equal to one of `texts` replaced by the marker. */
const scrubbed = (value: unknown, texts: ReadonlySet<string>): unknown => {
  if (typeof value === 'string') return texts.has(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((item) => scrubbed(item, texts));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, scrubbed(item, texts)]),
    );
  return value;
};

/**
 * Rewrites the Elasticsearch documents (of the indices or aliases `index` names, comma-separated)
 * that hold one of a forgotten subject's texts: each such value becomes the marker, as a rebuild
 * of the index would now write it. Written back at the document's own external version
 * (`external_gte`), so the projector's version checks see no change; a document the projector
 * rewrote meanwhile is left to the next forget run (conflicts are reported, not retried).
 */
export const searchScrubber =
  (client: SearchClient, index: string) =>
  async (texts: readonly string[]): Promise<number> => {
    if (texts.length === 0 || index === '') return 0;
    const wanted = new Set(texts);
    const found = await client.search<Record<string, unknown>>({
      index,
      size: 10_000,
      version: true,
      ignore_unavailable: true,
      query: {
        bool: {
          should: texts.map((text) => ({
            multi_match: { query: text, type: 'phrase' as const, fields: ['*'], lenient: true },
          })),
          minimum_should_match: 1,
        },
      },
    });
    const hits = found.hits.hits.filter((hit) => hit._source !== undefined);
    if (hits.length === 0) return 0;
    const result = await client.bulk({
      refresh: true,
      operations: hits.flatMap((hit) => [
        {
          index: {
            _index: hit._index,
            _id: hit._id,
            version: hit._version,
            version_type: 'external_gte' as const,
          },
        },
        scrubbed(hit._source, wanted),
      ]),
    });
    return result.items.filter((item) => item.index?.status === 200).length;
  };

/**
 * Drops the read caches' entries (`ledgerline:*` hashes) holding one of a forgotten subject's
 * texts: the next read loads the scrubbed row.
 */
export const redisScrubber =
  (redisUrl: string) =>
  async (texts: readonly string[]): Promise<number> => {
    if (texts.length === 0) return 0;
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    let dropped = 0;
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', 'ledgerline:*', 'COUNT', 500);
        cursor = next;
        for (const key of keys) {
          if ((await redis.type(key)) !== 'hash') continue; // floors and generations hold no text
          const values = Object.values(await redis.hgetall(key));
          if (values.some((value) => texts.some((text) => value.includes(text)))) {
            dropped += await redis.del(key);
          }
        }
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    return dropped;
  };
