import { AsyncLocalStorage } from 'node:async_hooks';
import { connect } from 'node:net';
import {
  callAbortSignal,
  callDeadline,
  type UnaryHandler,
  type unaryHandlers,
} from '@ledgerline/grpc';
import { type SearchClient } from '@ledgerline/search';
import { type Pool, type PoolClient, type QueryConfig } from 'pg';
import { type callBounds, type WaitBounds } from './consistency';
import { QueryDeadlineExceeded } from './errors';

/**
 * The bounds (deadline, cancellation) of the gRPC call being served, carried through async
 * calls so the pool and search client handed to handlers can apply them without every handler
 * passing them down.
 */
const scope = new AsyncLocalStorage<WaitBounds>();

export const runInCallScope = <T>(bounds: WaitBounds, work: () => T): T => scope.run(bounds, work);

export const currentCallBounds = (): WaitBounds | undefined => scope.getStore();

type Unary = ReturnType<typeof unaryHandlers>;

/**
 * A call's bounds whose abort signal is made only when something asks for it (a query or search
 * of the call): grpc-js fires `cancelled` at the end of every call, so a signal made for each call
 * is aborted after each one (an AbortController, listeners and a DOMException per call), while a
 * cache hit never needs it.
 */
const lazyCallBounds = (call: Parameters<typeof callBounds>[0]): WaitBounds => {
  const deadline = callDeadline(call);
  return {
    deadline,
    get signal() {
      return callAbortSignal(call);
    },
  };
};

/** `unary` whose handlers run in their call's scope: callBoundPool and callBoundSearchClient apply. */
export const callScopedHandlers =
  (unary: Unary): Unary =>
  <Request, Response>(handler: UnaryHandler<Request, Response>) =>
    unary<Request, Response>((request, call) =>
      runInCallScope(lazyCallBounds(call), () => handler(request, call)),
    );

/**
 * Sends PostgreSQL's CancelRequest for the statement `client` runs (what psql's Ctrl-C does):
 * a separate short connection carrying the backend's pid and secret key, no authentication.
 */
const sendCancelRequest = (client: PoolClient): void => {
  const { host, port, processID, secretKey } = client as unknown as {
    host: string;
    port: number;
    processID: number | null;
    secretKey: number | null;
  };
  if (processID === null || secretKey === null) return;
  const message = Buffer.alloc(16);
  message.writeInt32BE(16, 0);
  message.writeInt32BE(80_877_102, 4); // the CancelRequest code
  message.writeInt32BE(processID, 8);
  message.writeInt32BE(secretKey, 12);
  const socket = host.startsWith('/')
    ? connect(`${host}/.s.PGSQL.${port}`)
    : connect({ host, port });
  socket.on('error', () => undefined); // the statement then ends at statement_timeout instead
  socket.end(message);
};

/** A query as pool.query takes it, without a callback (callback calls are passed through). */
type QueryArgs = [textOrConfig: string | QueryConfig, values?: unknown[]];

/**
 * Runs one query within `bounds`: when the deadline passes or the call is cancelled first, the
 * server is told to cancel the statement (it stops working, not only the client waiting) and
 * the query fails with QueryDeadlineExceeded. The connection of a cancelled query is discarded,
 * so a cancel arriving late cannot hit the next user's statement. One round trip, as without.
 */
export const queryWithin = async (
  pool: Pool,
  bounds: WaitBounds,
  args: QueryArgs,
): Promise<unknown> => {
  const deadline = bounds.deadline?.getTime() ?? Infinity;
  const expired = () => Date.now() >= deadline || bounds.signal?.aborted === true;
  if (expired()) throw new QueryDeadlineExceeded();
  const client = await pool.connect();
  let cancelled = false;
  const cancel = () => {
    if (cancelled) return;
    cancelled = true;
    sendCancelRequest(client);
  };
  const timer = Number.isFinite(deadline)
    ? setTimeout(cancel, Math.max(0, deadline - Date.now()))
    : undefined;
  bounds.signal?.addEventListener('abort', cancel, { once: true });
  try {
    if (expired()) throw new QueryDeadlineExceeded();
    return await (client.query as (...a: QueryArgs) => Promise<unknown>)(...args);
  } catch (error) {
    // 57014: canceled on our request (or by statement_timeout) — either way, the time was up.
    if (cancelled && (error as { code?: unknown }).code === '57014')
      throw new QueryDeadlineExceeded({ cause: error });
    throw error;
  } finally {
    clearTimeout(timer);
    bounds.signal?.removeEventListener('abort', cancel);
    client.release(cancelled);
  }
};

/**
 * The pool handlers query through: inside a call scope (see `runInCallScope`) each query runs
 * within the call's bounds (`queryWithin`); outside one, and for everything but `query`, it is
 * the pool itself.
 */
export const callBoundPool = (pool: Pool): Pool =>
  new Proxy(pool, {
    get(target, property, receiver) {
      if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
      return (...args: unknown[]) => {
        const bounds = scope.getStore();
        const callback = args.some((arg: unknown) => typeof arg === 'function');
        if (!bounds || callback) return (target.query as (...a: unknown[]) => unknown)(...args);
        return queryWithin(target, bounds, args as QueryArgs);
      };
    },
  });

/** Elasticsearch request options for a call's bounds: the time left, and its cancellation. */
export const searchRequestOptions = (
  bounds: WaitBounds,
): { requestTimeout?: number; signal?: AbortSignal } => {
  const deadline = bounds.deadline?.getTime();
  return {
    ...(deadline !== undefined && { requestTimeout: Math.max(1, deadline - Date.now()) }),
    ...(bounds.signal && { signal: bounds.signal }),
  };
};

const BOUNDED_SEARCH_METHODS = new Set<PropertyKey>(['search', 'count', 'get', 'mget', 'msearch']);

/**
 * The search client handlers use: inside a call scope, searches and reads carry the call's
 * remaining time as requestTimeout and its abort signal (options the caller passes still win).
 */
export const callBoundSearchClient = (client: SearchClient): SearchClient =>
  new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (!BOUNDED_SEARCH_METHODS.has(property) || typeof value !== 'function') return value;
      return (params: unknown, options?: object) => {
        const bounds = scope.getStore();
        const bounded = bounds ? { ...searchRequestOptions(bounds), ...options } : options;
        return (value as (p: unknown, o?: object) => unknown).call(target, params, bounded);
      };
    },
  });
