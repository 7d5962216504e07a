import { type ElasticsearchProjection } from '@ledgerline/projections';
import {
  concreteIndexName,
  createSearchClient,
  type SearchClient,
  type VersionedIndex,
} from '@ledgerline/search';
import { servers, uniqueName } from '@ledgerline/testing';
import { searchView, viewHarness } from './view-harness';

/** What a context's search index test needs to know about its index. */
export interface SearchIndexSpec {
  /** The index's plain name (`payments`): prefixes every alias, projection and schema. */
  readonly name: string;
  readonly index: (alias: string) => VersionedIndex;
  readonly projection: (options: {
    readonly alias: string;
    readonly name: string;
    readonly topics: readonly string[];
  }) => ElasticsearchProjection;
  /** The document field that lists documents in a stable order. */
  readonly sortBy: string;
}

/**
 * A search index under test on the real Elasticsearch: registers the client's set-up and the
 * removal of every index it created with jest, so call it inside `describe`. Each `open()` gives
 * a fresh alias fed by its own topic through the view harness.
 */
export const searchIndexUnderTest = <Document>(spec: SearchIndexSpec) => {
  let connected: SearchClient | undefined;
  const aliases: string[] = [];
  beforeAll(async () => {
    connected = createSearchClient((await servers()).elasticsearchUrl);
  });
  afterAll(async () => {
    if (!connected) return;
    for (const alias of aliases)
      await connected.indices.delete({
        index: concreteIndexName(spec.index(alias)),
        ignore_unavailable: true,
      });
    await connected.close();
  });

  const client = (): SearchClient => {
    if (!connected) throw new Error('the search client is set up in beforeAll');
    return connected;
  };

  const open = () => {
    const alias = uniqueName(spec.name);
    aliases.push(alias);
    return {
      alias,
      harness: viewHarness(`${spec.name}_search`, (topic) => [
        searchView(
          spec.projection({ alias, name: uniqueName(`${spec.name}-search`), topics: [topic] }),
          client(),
        ),
      ]),
    };
  };

  /** Every document under `alias` after a refresh, in `sortBy` order, with its version. */
  const documents = async (alias: string) => {
    await client().indices.refresh({ index: alias });
    const result = await client().search<Document>({
      index: alias,
      size: 100,
      sort: [spec.sortBy],
      version: true,
    });
    return result.hits.hits.map((hit) => ({ ...hit._source!, _version: hit._version }));
  };

  return { client, open, documents };
};
