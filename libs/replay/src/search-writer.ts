import { type estypes } from '@elastic/elasticsearch';
import { type ElasticsearchProjection, type SearchOperation } from '@ledgerline/projections';
import { type PublishedEvent } from '@ledgerline/relay';
import { type SearchClient } from '@ledgerline/search';
import { ReplayError } from './errors';
import { handles } from './postgres-writer';
import { type CopyWriter, type WriterOptions } from './sink';

const DOCUMENT_CACHE_LIMIT = 200_000;
const BULK_CHUNK = 5_000;

type Final =
  | { readonly op: 'index'; readonly document: Record<string, unknown>; readonly version: number }
  | { readonly op: 'delete'; readonly version: number };

/**
 * Fills an index from store events through the projection's own handlers, folding a batch in
 * memory (`context.get` sees the batch's earlier writes, then a cache of this run's documents,
 * then the index itself) and sending one final operation per document in `_bulk`, with external
 * versions like live delivery: a document never regresses, and a re-sent batch (a resumed run) is
 * a 409, already applied.
 */
export const searchWriter = (
  client: SearchClient,
  projection: ElasticsearchProjection,
  index: string,
  options: WriterOptions,
): CopyWriter => {
  const cache = new Map<string, Record<string, unknown> | null>();
  const seen = new Set<string>();

  return {
    path: 'bulk',
    async write(_db, events) {
      const batch = new Map<string, Final>();
      const context = {
        index,
        async get(id: string) {
          const mine = batch.get(id);
          if (mine) return mine.op === 'index' ? mine.document : undefined;
          if (cache.has(id)) return cache.get(id) ?? undefined;
          if (options.knownEmpty && !seen.has(id)) return undefined;
          const found = await client.get<Record<string, unknown>>({ index, id }, { ignore: [404] });
          return found.found ? found._source : undefined;
        },
      };
      for (const event of events) {
        if (!handles(projection, event)) continue;
        let operations: readonly SearchOperation[];
        try {
          operations = await projection.handlers[event.type]!(event, context);
        } catch (error) {
          throw unappliable(event, error);
        }
        for (const op of operations) {
          const version = op.version ?? event.streamVersion;
          batch.set(
            op.id,
            op.op === 'index'
              ? { op: 'index', document: { ...op.document }, version }
              : op.op === 'delete'
                ? { op: 'delete', version }
                : assertOp(op),
          );
        }
      }
      await sendBulk(client, index, batch);
      if (cache.size + batch.size > DOCUMENT_CACHE_LIMIT) cache.clear();
      for (const [id, final] of batch) {
        cache.set(id, final.op === 'index' ? final.document : null);
        seen.add(id);
      }
    },
  };
};

const assertOp = (op: never): never => {
  throw new Error(`unknown search operation ${JSON.stringify(op)}`);
};

const unappliable = (event: PublishedEvent, error: unknown) =>
  new ReplayError(
    'unappliable-event',
    `event ${event.type} ${event.streamId} v${event.streamVersion} (position ${event.position}) ` +
      `cannot be applied: ${error instanceof Error ? error.message : String(error)}`,
  );

const sendBulk = async (client: SearchClient, index: string, batch: ReadonlyMap<string, Final>) => {
  const entries = [...batch.entries()];
  for (let start = 0; start < entries.length; start += BULK_CHUNK) {
    const chunk = entries.slice(start, start + BULK_CHUNK);
    const operations = chunk.flatMap(([id, final]) => {
      const meta = {
        _index: index,
        _id: id,
        version: final.version,
        version_type: 'external' as const,
      };
      return final.op === 'index' ? [{ index: meta }, final.document] : [{ delete: meta }];
    });
    const response: estypes.BulkResponse = await client.bulk({ operations });
    if (!response.errors) continue;
    for (const item of response.items) {
      const result = Object.values(item)[0];
      const status = result?.status ?? 500;
      // 409: this version (or a newer one) is already there; 404 on delete: already gone.
      if (status < 300 || status === 409 || status === 404) continue;
      throw new Error(
        `elasticsearch refused document ${result?._id} in ${index}: ${status} ${JSON.stringify(result?.error)}`,
      );
    }
  }
};
