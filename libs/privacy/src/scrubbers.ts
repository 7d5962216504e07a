import { REDACTED } from '@ledgerline/domain';
import { type SearchClient } from '@ledgerline/search';
import { Redis } from 'ioredis';

// Every string of a document equal to one of the texts becomes the marker, at any depth.
const SCRUB_SCRIPT = `
def scrub(def v, def texts, def marker) {
  if (v instanceof String) { return texts.contains(v) ? marker : v; }
  if (v instanceof Map) { for (def k : new ArrayList(v.keySet())) { v.put(k, scrub(v.get(k), texts, marker)); } return v; }
  if (v instanceof List) { for (int i = 0; i < v.size(); i++) { v.set(i, scrub(v.get(i), texts, marker)); } return v; }
  return v;
}
scrub(ctx._source, params.texts, params.marker);`;

/**
 * Rewrites the Elasticsearch documents (of the indices `index` names, e.g. `ledgerline-*`) that
 * hold one of a forgotten subject's texts: each such value becomes the marker, as a rebuild of
 * the index would now write it.
 */
export const searchScrubber =
  (client: SearchClient, index: string) =>
  async (texts: readonly string[]): Promise<number> => {
    if (texts.length === 0) return 0;
    const result = await client.updateByQuery({
      index,
      refresh: true,
      conflicts: 'proceed',
      query: {
        bool: {
          should: texts.map((text) => ({
            multi_match: { query: text, type: 'phrase' as const, fields: ['*'], lenient: true },
          })),
          minimum_should_match: 1,
        },
      },
      script: { lang: 'painless', source: SCRUB_SCRIPT, params: { texts, marker: REDACTED } },
    });
    return result.updated ?? 0;
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
