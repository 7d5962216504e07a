import { REDACTED } from '@ledgerline/domain';
import { type SearchClient } from '@ledgerline/search';
import { quoteSchema } from '@ledgerline/event-store';
import { Redis } from 'ioredis';
import { type Pool } from 'pg';

/** A copy of `value` with every string equal to one of `texts` replaced by the marker. */
export const scrubbed = (value: unknown, texts: ReadonlySet<string>): unknown => {
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

/**
 * Rewrites the JSON columns of `schemas` (the saga runtime's inputs, states and commands; any view
 * that keeps a document) where a value anywhere inside equals one of a forgotten subject's texts:
 * each such value becomes the marker. Rows are found in SQL (a JSON path match per text) and
 * rewritten one by one at their physical address, so no other row is touched.
 */
export const jsonColumnsScrubber =
  (pool: Pool, schemas: readonly string[]) =>
  async (texts: readonly string[]): Promise<number> => {
    if (texts.length === 0) return 0;
    const wanted = new Set(texts);
    let rewritten = 0;
    for (const schema of schemas) {
      const { rows: columns } = await pool.query<{ table_name: string; column_name: string }>(
        `SELECT c.table_name, c.column_name FROM information_schema.columns c
           JOIN information_schema.tables t USING (table_schema, table_name)
          WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' AND c.data_type = 'jsonb'`,
        [schema],
      );
      for (const { table_name: table, column_name: column } of columns) {
        const target = `${quoteSchema(schema)}."${table.replaceAll('"', '""')}"`;
        const col = `"${column.replaceAll('"', '""')}"`;
        const { rows } = await pool.query<{ address: string; value: unknown }>(
          `SELECT ctid::text AS address, ${col} AS value FROM ${target}
            WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS x(text)
                           WHERE jsonb_path_exists(${col}, '$.** ? (@ == $text)',
                                                   jsonb_build_object('text', x.text)))`,
          [texts],
        );
        for (const row of rows) {
          const result = await pool.query(
            `UPDATE ${target} SET ${col} = $1::jsonb WHERE ctid = $2::tid`,
            [JSON.stringify(scrubbed(row.value, wanted)), row.address],
          );
          rewritten += result.rowCount ?? 0;
        }
      }
    }
    return rewritten;
  };
