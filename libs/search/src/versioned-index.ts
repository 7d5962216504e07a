import { type Client } from '@elastic/elasticsearch';
import { type estypes } from '@elastic/elasticsearch';

export interface VersionedIndex {
  /** The name queries use, e.g. `payments`. */
  readonly alias: string;
  /** The concrete index behind it, e.g. 2 → `payments-v2`. */
  readonly version: number;
  readonly mappings: estypes.MappingTypeMapping;
  readonly settings?: estypes.IndicesIndexSettings;
}

export const concreteIndexName = (index: Pick<VersionedIndex, 'alias' | 'version'>): string =>
  `${index.alias}-v${index.version}`;

/**
 * Creates the concrete index with explicit mappings (dynamic mapping off, so a stray field can
 * never change a field's type) and points the alias at it when the alias does not exist yet.
 * Moving an existing alias is a rebuild's job, done in one atomic alias update.
 */
export const ensureVersionedIndex = async (
  client: Client,
  index: VersionedIndex,
): Promise<string> => {
  const name = concreteIndexName(index);
  if (!(await client.indices.exists({ index: name }))) {
    try {
      await client.indices.create({
        index: name,
        mappings: { dynamic: 'strict', ...index.mappings },
        settings: { number_of_shards: 1, number_of_replicas: 0, ...index.settings },
      });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }
  if (!(await client.indices.existsAlias({ name: index.alias }))) {
    await client.indices.updateAliases({
      actions: [{ add: { index: name, alias: index.alias, is_write_index: true } }],
    });
  }
  return name;
};

/**
 * Adds fields to the mapping of whatever index `alias` points at (the live copy, whichever
 * generation a rebuild left there). Only for fields that are new and optional: Elasticsearch
 * accepts a new field on an existing mapping, so documents without it stay valid and documents
 * with it can be written at once, with no new index version and no rebuild before the first
 * write. A field that exists with another type is refused: that change needs a new version.
 */
export const ensureMappedFields = async (
  client: Client,
  alias: string,
  properties: Readonly<Record<string, estypes.MappingProperty>>,
): Promise<void> => {
  await client.indices.putMapping({ index: alias, properties: { ...properties } });
};

const isAlreadyExists = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'body' in error &&
  JSON.stringify(error.body).includes('resource_already_exists_exception');
