import type * as grpc from '@grpc/grpc-js';
import {
  actsForAnyOwner,
  ANALYTICS_SCOPE,
  type Caller,
  callerOf,
  Forbidden,
} from '@ledgerline/grpc';

/** The rule a Forbidden of this module names (ErrorInfo reason stays PERMISSION_DENIED's). */
export const OWNERSHIP_RULE = 'ownership';

/**
 * The verified caller the guard bound to the call. A call without one did not pass a guarded
 * server: it is refused rather than answered as if it could read everything (fail closed).
 */
export const readerOf = (metadata: grpc.Metadata): Caller => {
  const caller = callerOf(metadata);
  if (!caller) throw new Forbidden(OWNERSHIP_RULE, 'the call has no verified caller');
  return caller;
};

/**
 * Whose resources a read may return: `undefined` for anyone's (a workload, or a user with
 * `owners:any`), else only those the caller's own subject owns.
 */
export const ownerOfReads = (caller: Caller): string | undefined =>
  actsForAnyOwner(caller) ? undefined : caller.subject;

/**
 * Whose documents a search may return: `undefined` for everyone's (a caller with
 * `analytics:read`), else only the caller's own. `owners:any` alone does not lift it: searching
 * across owners is what the analytics scope grants.
 */
export const ownerOfSearches = (caller: Caller): string | undefined =>
  caller.scopes.has(ANALYTICS_SCOPE) ? undefined : caller.subject;

/**
 * Refuses (PERMISSION_DENIED) a single resource the caller may not read. `owner` is the
 * resource's owner as the view holds it; null (recorded before owners were) is nobody's, so
 * only a caller acting for any owner reads it. The reason never names the owner.
 */
export const assertMayRead = (
  caller: Caller,
  owner: string | null | undefined,
  what: string,
): void => {
  const only = ownerOfReads(caller);
  if (only === undefined || (owner !== null && owner !== undefined && owner === only)) return;
  throw new Forbidden(OWNERSHIP_RULE, `the ${what} is not the caller's`);
};
