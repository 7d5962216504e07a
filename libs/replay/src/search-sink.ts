import { type ElasticsearchProjection } from '@ledgerline/projections';
import { concreteIndexName, type SearchClient, type VersionedIndex } from '@ledgerline/search';
import { compareIndices } from './search-compare';
import { searchWriter } from './search-writer';
import { type CopySink } from './sink';
import { type CopyTarget } from './view';

const indexOf = (target: CopyTarget): string => {
  if (target.kind !== 'elasticsearch') throw new Error('not an Elasticsearch copy');
  return target.index;
};

/**
 * Blue-green copies of an Elasticsearch projection: each copy a concrete index, the projection's
 * alias on the live one. A new copy is `<alias>-v<version>` of the projection's declared mapping
 * (a mapping change), or `<alias>-v<version>-g<generation>` when that index is the live one (a
 * rebuild with the same mapping). It loads with refresh off and no replicas.
 */
export const searchSink = (client: SearchClient, projection: ElasticsearchProjection): CopySink => {
  const alias = projection.index;
  const declared: VersionedIndex = projection.searchIndex ?? {
    alias,
    version: 1,
    mappings: {},
  };
  if (!projection.searchIndex)
    throw new Error(`${projection.name}: a rebuild needs the projection's searchIndex mappings`);

  const aliasTargets = async (): Promise<string[]> => {
    const found = await client.indices.getAlias({ name: alias }, { ignore: [404] });
    return Object.keys(found).filter((key) => key !== 'error' && key !== 'status');
  };

  return {
    async liveTarget() {
      const [index, ...others] = await aliasTargets();
      if (!index || others.length > 0)
        throw new Error(
          `alias ${alias} must point at exactly one index, not [${[index, ...others].join(', ')}]`,
        );
      return { kind: 'elasticsearch', index };
    },

    async createShadow(generation) {
      const plain = concreteIndexName(declared);
      const live = await aliasTargets();
      const index = live.includes(plain) ? `${plain}-g${generation}` : plain;
      if (await client.indices.exists({ index })) {
        // Resuming, or an empty index the new version's start-up created: load it as it is.
        await client.indices.putSettings({
          index,
          settings: { refresh_interval: '-1', number_of_replicas: 0 },
        });
        return { kind: 'elasticsearch', index };
      }
      await client.indices.create({
        index,
        mappings: { dynamic: 'strict', ...declared.mappings },
        settings: {
          number_of_shards: 1,
          ...declared.settings,
          number_of_replicas: 0,
          refresh_interval: '-1',
        },
      });
      return { kind: 'elasticsearch', index };
    },

    // `<alias>-v<version>` or `<alias>-v<version>-g<generation>`: the mapping version is in the name.
    acceptsCurrentHandlers: (live) =>
      new RegExp(`^${alias}-v${declared.version}(-g\\d+)?$`).test(indexOf(live)),

    writer: (target, options) => searchWriter(client, projection, indexOf(target), options),

    async settle(target) {
      const index = indexOf(target);
      await client.indices.putSettings({
        index,
        settings: {
          refresh_interval: declared.settings?.refresh_interval ?? '1s',
          number_of_replicas: declared.settings?.number_of_replicas ?? 0,
        },
      });
      await client.indices.refresh({ index });
    },

    async compare(live, shadow, sample) {
      const table = await compareIndices(
        client,
        { live: indexOf(live), shadow: indexOf(shadow), name: alias },
        Math.max(sample, 10),
      );
      return { equal: table.onlyInLive === 0 && table.onlyInShadow === 0, tables: [table] };
    },

    async promote(_client, current, next) {
      await client.indices.updateAliases({
        actions: [
          { remove: { index: indexOf(current.target), alias } },
          { add: { index: indexOf(next.target), alias, is_write_index: true } },
        ],
      });
      return { demoted: current.target, promoted: next.target };
    },

    async drop(target) {
      await client.indices.delete({ index: indexOf(target) }, { ignore: [404] });
    },
  };
};
