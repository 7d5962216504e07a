import { servers, uniqueName } from '@ledgerline/testing';
import { createSearchClient } from './client';
import { concreteIndexName, ensureMappedFields, ensureVersionedIndex } from './versioned-index';

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

  it('adds an optional field to the live index behind the alias, refusing a type change', async () => {
    const client = createSearchClient((await servers()).elasticsearchUrl);
    const alias = uniqueName('search-fields');
    const index = {
      alias,
      version: 1,
      mappings: { properties: { orderId: { type: 'keyword' as const } } },
    };
    try {
      await ensureVersionedIndex(client, index);
      await client.index({ index: alias, id: 'o-1', document: { orderId: 'o-1' } });
      // Before the field is added, a document carrying it is refused (the mapping is strict).
      await expect(
        client.index({ index: alias, id: 'o-2', document: { orderId: 'o-2', placedBy: 'u-1' } }),
      ).rejects.toThrow(/strict_dynamic_mapping_exception/);
      await ensureMappedFields(client, alias, { placedBy: { type: 'keyword' } });
      await ensureMappedFields(client, alias, { placedBy: { type: 'keyword' } }); // idempotent
      await client.index({
        index: alias,
        id: 'o-2',
        document: { orderId: 'o-2', placedBy: 'u-1' },
        refresh: 'wait_for',
      });
      const mine = await client.search<{ orderId: string }>({
        index: alias,
        query: { term: { placedBy: 'u-1' } },
      });
      expect(mine.hits.hits.map((hit) => hit._source?.orderId)).toEqual(['o-2']);
      await expect(
        ensureMappedFields(client, alias, { placedBy: { type: 'long' } }),
      ).rejects.toThrow(/illegal_argument_exception|mapper/);
    } finally {
      await client.indices.delete({ index: concreteIndexName(index), ignore_unavailable: true });
      await client.close();
    }
  });
});
