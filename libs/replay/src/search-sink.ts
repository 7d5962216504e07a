import { type ElasticsearchProjection } from '@ledgerline/projections';
import { concreteIndexName, type SearchClient, type VersionedIndex } from '@ledgerline/search';
import { isDeepStrictEqual } from 'node:util';
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
      const [a, b] = [indexOf(live), indexOf(shadow)];
      await client.indices.refresh({ index: [a, b] });
      const [liveCount, shadowCount] = await Promise.all([
        client.count({ index: a }),
        client.count({ index: b }),
      ]);
      const picked = await client.search({
        index: b,
        size: sample * 20, // documents are cheap to fetch: a wider sample than rows shown
        _source: false,
        query: { function_score: { query: { match_all: {} }, functions: [{ random_score: {} }] } },
      });
      const ids = picked.hits.hits.map((hit) => hit._id!).filter(Boolean);
      const samples: string[] = [];
      let differing = 0;
      if (ids.length > 0) {
        const [fromLive, fromShadow] = await Promise.all([
          client.mget<Record<string, unknown>>({ index: a, ids }),
          client.mget<Record<string, unknown>>({ index: b, ids }),
        ]);
        for (const [i, id] of ids.entries()) {
          const l = fromLive.docs[i] as { _source?: unknown } | undefined;
          const s = fromShadow.docs[i] as { _source?: unknown } | undefined;
          if (isDeepStrictEqual(l?._source, s?._source)) continue;
          differing += 1;
          if (samples.length < 10)
            samples.push(
              `${id}: live ${JSON.stringify(l?._source ?? null)} shadow ${JSON.stringify(s?._source ?? null)}`,
            );
        }
      }
      const countGap = Math.abs(liveCount.count - shadowCount.count);
      return {
        equal: countGap === 0 && differing === 0,
        tables: [
          {
            name: alias,
            liveRows: liveCount.count,
            shadowRows: shadowCount.count,
            liveChecksum: null,
            shadowChecksum: null,
            onlyInLive: Math.max(0, liveCount.count - shadowCount.count) + differing,
            onlyInShadow: Math.max(0, shadowCount.count - liveCount.count) + differing,
            samples,
          },
        ],
      };
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
