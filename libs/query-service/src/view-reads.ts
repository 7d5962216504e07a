import type * as grpc from '@grpc/grpc-js';
import { NotFound } from '@ledgerline/domain';
import { type SearchClient } from '@ledgerline/search';
import { type Consistency } from './consistency';
import { type CursorCodec, type CursorScope, type CursorValue } from './cursor';
import { awaitCallToken, type CachedEntityRead, readCachedEntity } from './entity-read';
import { assertMayRead, ownerOfSearches, readerOf } from './ownership';
import { planSearch, type ProtoSearchRequest, type SearchSpec } from './search-plan';
import { type ConsistencyToken } from './token';

// The three reads every entity view serves (one entity, a keyset-paged list, a search), each as
// the query services' handlers run it: the request's page token and consistency token first, then
// the view. A handler keeps only what is its own: ids, filters, rows to messages.

/** A gRPC call a query handler serves: its metadata names the caller, its deadline bounds waits. */
type ServedCall = Parameters<typeof awaitCallToken>[1] & { readonly metadata: grpc.Metadata };

export interface OwnedEntityRead<
  T extends { readonly streamVersion: number },
> extends CachedEntityRead<T> {
  /** What the entity is, as NOT_FOUND and PERMISSION_DENIED name it ("order", "payment"). */
  readonly kind: string;
  readonly id: string;
  /** The entity's owner as the view holds it (null: recorded before owners were). */
  readonly ownerOf: (entity: T) => string | null | undefined;
}

/**
 * One entity through the cache, then refused unless the caller may read it: ownership is checked
 * on the value itself, cached or not, since the cache holds one entry per entity for every caller.
 */
export const readOwnedEntity = async <T extends { readonly streamVersion: number }>(
  consistency: Consistency,
  call: ServedCall,
  read: OwnedEntityRead<T>,
): Promise<T> => {
  const caller = readerOf(call.metadata);
  const entity = await readCachedEntity(consistency, call, read);
  if (!entity) throw new NotFound(read.kind, read.id);
  assertMayRead(caller, read.ownerOf(entity), read.kind);
  return entity;
};

export interface KeysetListRead<Row, Cursor> {
  /** The view's projection: a token waits for every event of its category up to it. */
  readonly projection: string;
  /** What page tokens are valid for: the view and everything that narrows the list. */
  readonly scope: CursorScope;
  readonly pageToken: string;
  readonly token: ConsistencyToken | undefined;
  /** A decoded page token's values as the view's cursor; throws InvalidInput for a foreign one. */
  readonly cursorOf: (values: readonly CursorValue[]) => Cursor;
  readonly valuesOf: (cursor: Cursor) => readonly CursorValue[];
  /** One page after `after` (from the start when undefined), and where the next page starts. */
  readonly load: (
    after: Cursor | undefined,
  ) => Promise<{ readonly rows: readonly Row[]; readonly next: Cursor | null | undefined }>;
}

/** One page of a keyset-paged list, with the token of the next page ('' on the last). */
export const readKeysetPage = async <Row, Cursor>(
  context: { readonly consistency: Consistency; readonly cursors: CursorCodec },
  call: ServedCall,
  list: KeysetListRead<Row, Cursor>,
): Promise<{ readonly rows: readonly Row[]; readonly nextPageToken: string }> => {
  const { cursors } = context;
  // The page token is checked before anything is waited for: a forged one costs nothing.
  const after = list.pageToken
    ? list.cursorOf(cursors.decodeCursor(list.pageToken, list.scope))
    : undefined;
  await awaitCallToken(context.consistency, call, {
    projection: list.projection,
    token: list.token,
    scope: 'list',
  });
  const page = await list.load(after);
  return {
    rows: page.rows,
    nextPageToken: page.next ? cursors.encodeCursor(list.valuesOf(page.next), list.scope) : '',
  };
};

export interface ViewSearch {
  /** The index's projection, whose progress a token waits for. */
  readonly projection: string;
  /** The alias analysts and the service query. */
  readonly index: string;
  readonly spec: SearchSpec;
  readonly request: ProtoSearchRequest;
  readonly token: ConsistencyToken | undefined;
}

/**
 * One page of a search: the caller's whitelisted filters and sort, narrowed to its own documents
 * unless it holds the analytics scope, and the token of the next page.
 */
export const searchView = async <Document>(
  context: {
    readonly consistency: Consistency;
    readonly cursors: CursorCodec;
    readonly searchClient: SearchClient;
  },
  call: ServedCall,
  search: ViewSearch,
): Promise<{ readonly documents: readonly Document[]; readonly nextPageToken: string }> => {
  const owner = ownerOfSearches(readerOf(call.metadata));
  const plan = planSearch(context.cursors, search.spec, search.request, owner);
  await awaitCallToken(context.consistency, call, {
    projection: search.projection,
    token: search.token,
    scope: 'list',
  });
  const result = await context.searchClient.search<Document>({
    index: search.index,
    ...plan.body,
  });
  const { hits, nextPageToken } = plan.page(result.hits.hits);
  return { documents: hits.flatMap((hit) => (hit._source ? [hit._source] : [])), nextPageToken };
};
