import { type PublishedEvent } from '@ledgerline/relay';
import { type SearchClient } from '@ledgerline/search';
import { type SearchHandler } from '../projection';
import { searchSession } from './elasticsearch-sink';

const event = (streamVersion: number, id: string): PublishedEvent => ({
  eventId: `${id}-${streamVersion}`,
  type: 'Changed',
  source: 'test',
  streamId: `item-${id}`,
  streamVersion,
  position: streamVersion,
  transactionId: '1',
  schemaVersion: 1,
  time: '2026-12-07T00:00:00.000Z',
  data: { id },
});

/** Records the reads a session makes; answers `_mget` from `stored`, one id with a shard error. */
const recordingClient = (stored: Record<string, Record<string, unknown>>, failing = '') => {
  const calls: string[] = [];
  const client = {
    mget: ({ ids }: { ids: string[] }) => {
      calls.push(`mget ${ids.join(',')}`);
      return Promise.resolve({
        docs: ids.map((_id) =>
          _id === failing
            ? { _id, error: { type: 'shard_not_available', reason: 'test' } }
            : stored[_id]
              ? { _id, found: true, _source: stored[_id] }
              : { _id, found: false },
        ),
      });
    },
    get: ({ id }: { id: string }) => {
      calls.push(`get ${id}`);
      return Promise.resolve({ found: false });
    },
  };
  return { client: client as unknown as SearchClient, calls };
};

const session = (client: SearchClient) =>
  searchSession({
    client,
    index: 'items',
    retry: { attempts: 1, baseDelayMs: 1 },
    signal: new AbortController().signal,
    documentsRead: (e) => [(e.data as { id: string }).id],
  });

/** A handler that records what it read and writes the document one version on. */
const reading = (seen: unknown[]): SearchHandler => {
  return async (e, context) => {
    const id = (e.data as { id: string }).id;
    seen.push(await context.get(id));
    return [{ op: 'index', id, document: { id, version: e.streamVersion } }];
  };
};

describe("an Elasticsearch session's read-ahead", () => {
  it("reads a batch's documents in one request, and its handlers read no more", async () => {
    // Given an index holding one of two documents
    const { client, calls } = recordingClient({ a: { id: 'a', version: 1 } });
    const s = session(client);
    const seen: unknown[] = [];

    // When a batch of both is prefetched and applied
    await s.prefetch!([event(2, 'a'), event(1, 'b'), event(2, 'b')]);
    await s.apply(0, event(2, 'a'), reading(seen));
    await s.apply(1, event(1, 'b'), reading(seen));
    await s.apply(2, event(2, 'b'), reading(seen));

    // Then one _mget served every read, and a later event builds on the batch's own write
    expect(calls).toEqual(['mget a,b']);
    expect(seen).toEqual([{ id: 'a', version: 1 }, undefined, { id: 'b', version: 1 }]);
  });

  it('leaves a document the _mget could not read to its handler', async () => {
    // Given an _mget that fails for one document
    const { client, calls } = recordingClient({}, 'b');
    const s = session(client);

    // When both are prefetched and applied
    await s.prefetch!([event(1, 'a'), event(1, 'b')]);
    await s.apply(0, event(1, 'a'), reading([]));
    await s.apply(1, event(1, 'b'), reading([]));

    // Then that one is read on its own
    expect(calls).toEqual(['mget a,b', 'get b']);
  });

  it('leaves every read to the handlers when Elasticsearch refuses the _mget', async () => {
    // Given an _mget refused outright, as for a missing index
    const { client, calls } = recordingClient({});
    const refusing = {
      ...(client as unknown as Record<string, unknown>),
      mget: () => {
        calls.push('mget refused');
        return Promise.reject(
          Object.assign(new Error('index_not_found'), { meta: { statusCode: 404 } }),
        );
      },
    } as unknown as SearchClient;
    const s = session(refusing);

    // When a batch is prefetched and applied
    await s.prefetch!([event(1, 'a')]);
    await s.apply(0, event(1, 'a'), reading([]));

    // Then the handler reads its document itself
    expect(calls).toEqual(['mget refused', 'get a']);
  });
});
