import { type Cache } from '@ledgerline/cache';
import { callBounds, type Consistency, type TokenCondition } from './consistency';
import { type ConsistencyToken, tokenVersionOf } from './token';

/** The gRPC call a handler serves, as `callBounds` reads it. */
type ServedCall = Parameters<typeof callBounds>[0];

/**
 * Waits for the call's consistency token when it carries one. Without a token nothing is waited
 * for, so the call's bounds (its abort signal, which grpc-js fires at the end of every call) are
 * not even made: most reads carry no token.
 */
export const awaitCallToken = (
  consistency: Consistency,
  call: ServedCall,
  condition: Omit<TokenCondition, 'deadline' | 'signal'>,
): Promise<void> =>
  condition.token === undefined
    ? Promise.resolve()
    : consistency.awaitToken({ ...condition, ...callBounds(call) });

export interface CachedEntityRead<T extends { readonly streamVersion: number }> {
  /** The view's projection, whose progress a token waits for. */
  readonly projection: string;
  readonly cache: Cache;
  /** The entity's stream: the cache key and the stream a token's receipt names. */
  readonly streamId: string;
  readonly token: ConsistencyToken | undefined;
  readonly ttlMs: number;
  /** The read model's row (a cache miss); undefined when absent. */
  readonly load: () => Promise<T | undefined>;
}

/**
 * One entity of a view by id, as every query service's Get handler reads it: the token's wait
 * (entity scope: the entity's own stream), then the Redis cache — one round trip on a hit — and
 * on a miss the read model, written back. Undefined when the entity does not exist.
 */
export const readCachedEntity = async <T extends { readonly streamVersion: number }>(
  consistency: Consistency,
  call: ServedCall,
  read: CachedEntityRead<T>,
): Promise<T | undefined> => {
  const { projection, token, streamId } = read;
  await awaitCallToken(consistency, call, { projection, token, scope: 'entity' });
  const found = await read.cache.read(
    streamId,
    { ttlMs: read.ttlMs, minVersion: tokenVersionOf(token, streamId) },
    async () => {
      const entity = await read.load();
      return entity && { value: entity, version: entity.streamVersion };
    },
  );
  return found?.value;
};
