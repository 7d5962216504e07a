import { servers, uniqueName } from '@ledgerline/testing';
import { createSearchClient } from './client';
import { concreteIndexName, ensureVersionedIndex } from './versioned-index';

describe('Elasticsearch against the real node', () => {
  it('creates a versioned index behind an alias, indexes and searches a document', async () => {
    const client = createSearchClient((await servers()).elasticsearchUrl);
    const alias = uniqueName('search-test');
    const index = {
      alias,
      version: 1,
      mappings: {
        properties: {
          orderId: { type: 'keyword' as const },
          description: { type: 'text' as const, fields: { raw: { type: 'keyword' as const } } },
          totalMinor: { type: 'long' as const },
        },
      },
    };
    try {
      expect(await ensureVersionedIndex(client, index)).toBe(`${alias}-v1`);
      await ensureVersionedIndex(client, index); // a second start changes nothing
      await client.index({
        index: alias,
        id: 'o-1',
        document: { orderId: 'o-1', description: 'Blue ceramic teapot', totalMinor: 4200 },
        refresh: 'wait_for',
      });
      const result = await client.search<{ orderId: string }>({
        index: alias,
        query: { match: { description: 'teapot' } },
      });
      expect(result.hits.hits.map((hit) => hit._source?.orderId)).toEqual(['o-1']);
      await expect(
        client.index({ index: alias, id: 'o-2', document: { orderId: 'o-2', unexpected: true } }),
      ).rejects.toThrow(/strict_dynamic_mapping_exception/);
    } finally {
      await client.indices.delete({ index: concreteIndexName(index), ignore_unavailable: true });
      await client.close();
    }
  });
});
