import { canonicalJson, sha256 } from '@ledgerline/event-store';
import { type SearchClient } from '@ledgerline/search';
import { type TableComparison } from './sink';

const PAGE = 1_000;
const KEEP_ALIVE = '2m';

/** What a document is, for comparison: the hash of its source with keys in a fixed order. */
export const sourceHash = (source: unknown): string => sha256(canonicalJson(source ?? null));

interface Hit {
  readonly _id?: string;
  readonly _source?: unknown;
  readonly sort?: unknown[];
}

/**
 * Every document of two indices compared by the hash of its source, streamed: the new copy is
 * walked under a point in time (`_shard_doc` order, `search_after`, pages of 1,000) and each
 * page's ids fetched from the live copy in one mget. With equal counts, every new document having
 * an equal live one means the copies hold the same documents. Memory is one page per side.
 */
export const compareIndices = async (
  client: SearchClient,
  indices: { live: string; shadow: string; name: string },
  samplesShown: number,
): Promise<TableComparison> => {
  const { live, shadow } = indices;
  await client.indices.refresh({ index: [live, shadow] });
  const [liveCount, shadowCount] = await Promise.all([
    client.count({ index: live }),
    client.count({ index: shadow }),
  ]);
  const samples: string[] = [];
  let differing = 0;
  let missingInLive = 0;
  const pit = await client.openPointInTime({ index: shadow, keep_alive: KEEP_ALIVE });
  try {
    let after: unknown[] | undefined;
    for (;;) {
      const page = await client.search({
        size: PAGE,
        pit: { id: pit.id, keep_alive: KEEP_ALIVE },
        sort: [{ _shard_doc: 'asc' }],
        ...(after ? { search_after: after as never } : {}),
      });
      const hits = page.hits.hits as Hit[];
      if (hits.length === 0) break;
      const ids = hits.map((hit) => hit._id!);
      const fromLive = await client.mget({ index: live, ids });
      for (const [i, hit] of hits.entries()) {
        const twin = fromLive.docs[i] as { found?: boolean; _source?: unknown } | undefined;
        if (!twin?.found) {
          missingInLive += 1;
          if (samples.length < samplesShown) samples.push(`${hit._id}: only in the new copy`);
          continue;
        }
        if (sourceHash(twin._source) === sourceHash(hit._source)) continue;
        differing += 1;
        if (samples.length < samplesShown)
          samples.push(
            `${hit._id}: live ${JSON.stringify(twin._source)} new ${JSON.stringify(hit._source)}`,
          );
      }
      after = hits[hits.length - 1]!.sort;
      if (hits.length < PAGE) break;
    }
  } finally {
    await client.closePointInTime({ id: pit.id }).catch(() => undefined);
  }
  // A live document the new copy lacks shows as a count gap (ids are unique in each index).
  const onlyLive = Math.max(0, liveCount.count - (shadowCount.count - missingInLive));
  return {
    name: indices.name,
    liveRows: liveCount.count,
    shadowRows: shadowCount.count,
    liveChecksum: null,
    shadowChecksum: null,
    onlyInLive: onlyLive + differing,
    onlyInShadow: missingInLive + differing,
    samples,
  };
};
