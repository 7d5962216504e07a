import { CacheUsageError } from './errors';

const VIEW = /^[a-z0-9][a-z0-9._-]*$/;

/** The Redis keys of one namespace (one read model view), e.g. `ledgerline:account-balances-v1:…`. */
export interface CacheKeys {
  /** The cached entry: a hash of version, generation and JSON value. */
  entry(id: string): string;
  /** The newest version a projector has committed for the id (the version floor). */
  floor(id: string): string;
  /** The namespace's generation token; changing it turns every entry into a miss. */
  readonly generation: string;
}

/**
 * Ids are URI-encoded, so they never contain `:`: an entry key always has three segments and
 * the floor and generation keys four, and no id can collide with another id's floor or with
 * the generation key, whatever characters ids contain.
 */
export const cacheKeys = (view: string): CacheKeys => {
  if (!VIEW.test(view)) {
    throw new CacheUsageError(`namespace must match ${VIEW.source}, got "${view}"`);
  }
  const encode = (id: string): string => {
    if (id === '') throw new CacheUsageError('key must not be empty');
    return encodeURIComponent(id);
  };
  return {
    entry: (id) => `ledgerline:${view}:${encode(id)}`,
    floor: (id) => `ledgerline:${view}:v:${encode(id)}`,
    generation: `ledgerline:${view}:meta:generation`,
  };
};
