import type * as grpc from '@grpc/grpc-js';

/**
 * Who is calling, as verified by the server's guard: a platform workload by its certificate, or
 * a user (customer, merchant, operator, analyst) by a bearer token.
 */
export interface Caller {
  readonly kind: 'workload' | 'user';
  /** The workload's name (its certificate's SPIFFE id) or the token's `sub`. */
  readonly subject: string;
  readonly scopes: ReadonlySet<string>;
  /** The workload certificate the call came through, when mTLS is on. */
  readonly via?: string;
}

/** Lifts the ownership checks: the caller may act on any owner's resources. */
export const ANY_OWNER_SCOPE = 'owners:any';
/** Lifts the filtering of search results to the caller's own. */
export const ANALYTICS_SCOPE = 'analytics:read';
/** May use saga-derived idempotency keys and act on behalf of a customer. */
export const SAGA_SCOPE = 'sagas:act';

// Keyed by the call's metadata object: handlers and the command loop already receive it, and the
// guard binds the caller to it before any handler runs, so nothing a client sends can forge it.
const callers = new WeakMap<grpc.Metadata, Caller>();

export const bindCaller = (metadata: grpc.Metadata, caller: Caller): void => {
  callers.set(metadata, caller);
};

/** The verified caller of a call that passed the guard; undefined outside a guarded server. */
export const callerOf = (metadata: grpc.Metadata): Caller | undefined => callers.get(metadata);

/** What the caller's subject may act on: everything, or only what it owns. */
export const actsForAnyOwner = (caller: Caller): boolean =>
  caller.kind === 'workload' || caller.scopes.has(ANY_OWNER_SCOPE);

export const SPIFFE_WORKLOAD_PREFIX = 'spiffe://ledgerline.local/workload/';

/**
 * The actor recorded in events: a user's token subject as is, a workload's SPIFFE id, so the
 * two can never be confused whatever subjects an identity provider issues.
 */
export const actorOf = (caller: Caller): string =>
  caller.kind === 'workload' ? `${SPIFFE_WORKLOAD_PREFIX}${caller.subject}` : caller.subject;
