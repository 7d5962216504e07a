import { InvalidInput } from '@ledgerline/domain';
import { categoryOf, type Checkpoint, compareCheckpoints, START } from '@ledgerline/event-store';
import { callAbortSignal, callDeadline } from '@ledgerline/grpc';
import { type TopicAdmin } from '@ledgerline/messaging';
import {
  type HeadSource,
  measureLag,
  type Projection,
  type ProjectionLag,
  RuntimeState,
} from '@ledgerline/projections';
import { RelayCheckpoints, topicForCategory } from '@ledgerline/relay';
import { type SearchClient } from '@ledgerline/search';
import { type Pool } from 'pg';
import {
  type CoverageFacts,
  describeGap,
  type PartitionEnd,
  type ParkedAt,
  proveCoverage,
} from './coverage';
import { ConsistencyWaitCancelled, ConsistencyWaitersFull, ReadModelBehind } from './errors';
import { createSharedRefresh, untilCancelled } from './refresh';
import { type EventSource, relayNameOf, sourceOfStream, topicsOf } from './sources';
import { type ConsistencyToken, receiptsOf } from './token';
import { planTokenWaits } from './token-waits';

/** How long a wait may last: the call's deadline and cancellation. */
export interface WaitBounds {
  /** The wait gives up a little before it, so the caller still gets the explanation. */
  readonly deadline?: Date | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** The bounds of an incoming gRPC call: its deadline and its cancellation. */
export const callBounds = (
  call: Parameters<typeof callDeadline>[0] & Parameters<typeof callAbortSignal>[0],
): WaitBounds => ({ deadline: callDeadline(call), signal: callAbortSignal(call) });

export interface StreamCondition extends WaitBounds {
  readonly projection: string;
  readonly streamId: string;
  readonly version: number;
}

export interface GlobalCondition extends WaitBounds {
  readonly projection: string;
  /** The stream the token's command wrote; its category names the store the checkpoint is of. */
  readonly streamId: string;
  readonly checkpoint: Checkpoint;
}

export interface TokenCondition extends WaitBounds {
  readonly projection: string;
  readonly token: ConsistencyToken | undefined;
  /** `entity`: the token's own stream. `list`: every event of its store up to the token. */
  readonly scope: 'entity' | 'list';
}

export interface Consistency {
  /** Resolves once the projection applied the stream up to `version` (exact, cheap). */
  awaitStreamVersion(condition: StreamCondition): Promise<void>;
  /** Resolves once the projection provably applied every event of the store up to `checkpoint`. */
  awaitGlobalPosition(condition: GlobalCondition): Promise<void>;
  /** The usual entry point from a handler; without a token it resolves at once. */
  awaitToken(condition: TokenCondition): Promise<void>;
}

export interface ConsistencySettings {
  /** The database of the views and their runtime tables, and of the sources' relay checkpoints. */
  readonly pool: Pool;
  /** Schema of the projection runtime tables. */
  readonly schema: string;
  readonly admin: TopicAdmin;
  readonly sources: readonly EventSource[];
  readonly projections: readonly Projection[];
  /** Needed for Elasticsearch views: a list read after a token refreshes the index. */
  readonly searchClient?: SearchClient | undefined;
  readonly headSources?: ReadonlyMap<string, HeadSource>;
  /** The longest wait, also when the call has no deadline. Default 5 s. */
  readonly maxWaitMs?: number;
  /**
   * Calls that may wait for tokens at once (CONSISTENCY_MAX_WAITERS); beyond, a call fails at
   * once with ConsistencyWaitersFull (RESOURCE_EXHAUSTED). Default 1,000.
   */
  readonly maxWaiters?: number;
  /** Least time between two refreshes of one index for waiting callers. Default 20 ms. */
  readonly refreshMinIntervalMs?: number;
}

/** The retry hint of ConsistencyWaitersFull: about one polling round of the waits ahead. */
const WAITERS_FULL_RETRY_MS = 200;

const FIRST_DELAY_MS = 5;
const MAX_DELAY_MS = 100;
/** Kept back from the deadline to measure lag and answer before the caller gives up. */
const RESERVE_MS = 150;

type Check = { readonly done: true } | { readonly done: false; readonly detail: string };

const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

const withTimeout = async <T>(work: Promise<T>, ms: number): Promise<T | undefined> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>(
    (resolve) => (timer = setTimeout(() => resolve(undefined), ms)),
  );
  try {
    return await Promise.race([work.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

const isUndefinedTable = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === '42P01';

/**
 * Read-your-writes for query services (docs/adr/0009-read-your-writes.md): waits, polling the
 * projection runtime's checkpoints with a short backoff, until the view provably reflects a
 * command's receipt, or fails with ReadModelBehind (DEADLINE_EXCEEDED) naming the lag.
 */
export const createConsistency = (settings: ConsistencySettings): Consistency => {
  const { pool, admin, sources } = settings;
  const state = new RuntimeState(settings.schema);
  const maxWaitMs = settings.maxWaitMs ?? 5_000;
  const projections = new Map(settings.projections.map((p) => [p.name, p]));
  const maxWaiters = settings.maxWaiters ?? 1_000;
  let waiting = 0;
  const { searchClient } = settings;
  const sharedRefresh =
    searchClient &&
    createSharedRefresh(
      (index) => searchClient.indices.refresh({ index }, { requestTimeout: maxWaitMs }),
      { minIntervalMs: settings.refreshMinIntervalMs ?? 20 },
    );

  /** Counts the call among the waiters for its whole wait, or refuses it when they are full. */
  const asWaiter = async (work: () => Promise<void>): Promise<void> => {
    if (waiting >= maxWaiters) throw new ConsistencyWaitersFull(waiting, WAITERS_FULL_RETRY_MS);
    waiting += 1;
    try {
      await work();
    } finally {
      waiting -= 1;
    }
  };

  const projectionNamed = (name: string): Projection => {
    const projection = projections.get(name);
    if (!projection) throw new Error(`consistency: no projection named "${name}" in this service`);
    return projection;
  };

  const lagOf = (projection: Projection): Promise<ProjectionLag> =>
    measureLag({
      pool,
      state,
      admin,
      projection,
      headSource: settings.headSources?.get(projection.name),
    });

  /** Polls `check` with backoff until it is done, the bounds run out, or the caller cancels. */
  const waitFor = async (
    projection: Projection,
    bounds: WaitBounds,
    check: () => Promise<Check>,
  ): Promise<void> => {
    const started = Date.now();
    const end = Math.min(bounds.deadline?.getTime() ?? Infinity, started + maxWaitMs);
    const stopAt = end - Math.min(RESERVE_MS, Math.max(0, end - started) / 4);
    let delay = FIRST_DELAY_MS;
    for (;;) {
      if (bounds.signal?.aborted) throw new ConsistencyWaitCancelled(projection.name);
      const result = await check();
      if (result.done) return;
      if (Date.now() + delay >= stopAt) {
        const lag = await withTimeout(lagOf(projection), Math.max(20, end - Date.now() - 20));
        throw new ReadModelBehind(projection.name, result.detail, lag);
      }
      await sleep(delay, bounds.signal);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  };

  const reads = (projection: Projection, streamId: string): boolean =>
    projection.topics.includes(topicForCategory(categoryOf(streamId)));

  const assertReads = (projection: Projection, streamId: string): void => {
    if (!reads(projection, streamId))
      throw new InvalidInput(
        'consistencyToken.streamId',
        `stream category "${categoryOf(streamId)}" is not read by the ${projection.name} view`,
      );
  };

  const awaitStreamVersion = async (condition: StreamCondition): Promise<void> => {
    const projection = projectionNamed(condition.projection);
    assertReads(projection, condition.streamId);
    await waitFor(projection, condition, async () => {
      const applied = await state.appliedVersion(pool, projection.name, condition.streamId);
      return applied >= condition.version
        ? { done: true }
        : {
            done: false,
            detail: `has applied stream ${condition.streamId} up to version ${applied}, token asks ${condition.version}`,
          };
    });
  };

  const relayCheckpoint = async (source: EventSource): Promise<Checkpoint> => {
    try {
      return await new RelayCheckpoints(pool, source.schema).load(relayNameOf(source));
    } catch (error) {
      if (isUndefinedTable(error)) return START; // no relay has run yet
      throw error;
    }
  };

  const parkedOf = async (projection: Projection, topics: ReadonlySet<string>) =>
    (await state.listParked(pool, projection.name))
      .filter((row) => topics.has(row.topic))
      .map((row): ParkedAt => {
        const transactionId = row.headers['ce_transactionid'];
        const position = Number(row.headers['ce_position']);
        const known =
          transactionId !== undefined && /^\d{1,20}$/.test(transactionId) && position > 0;
        return {
          topic: row.topic,
          streamId: row.streamId,
          checkpoint: known ? { transactionId, position } : null,
        };
      });

  const awaitGlobalPosition = async (condition: GlobalCondition): Promise<void> => {
    const projection = projectionNamed(condition.projection);
    const source = sourceOfStream(sources, condition.streamId);
    if (!source)
      throw new InvalidInput(
        'consistencyToken.streamId',
        `stream category "${categoryOf(condition.streamId)}" is not a source of this service`,
      );
    const topics = new Set(topicsOf(source).filter((t) => projection.topics.includes(t)));
    if (topics.size === 0) return; // the view reads nothing of that store: nothing to wait for
    const token = condition.checkpoint;
    let ends: PartitionEnd[] | undefined;
    await waitFor(projection, condition, async () => {
      const relay = await relayCheckpoint(source);
      // Sampled once, only after the relay was seen past the token: every event up to the token
      // was acknowledged by then, so it lies below these offsets.
      if (!ends && compareCheckpoints(relay, token) >= 0) {
        ends = [];
        for (const topic of topics)
          for (const { partition, offset } of await admin.latestOffsets(topic))
            ends.push({ topic, partition, offset });
      }
      const applied = (await state.appliedOffsets(pool, projection.name)).filter((row) =>
        topics.has(row.topic),
      );
      // After the offsets: an event parked by a batch those offsets include is visible here.
      const parked = await parkedOf(projection, topics);
      const facts: CoverageFacts = { token, relay, ends, applied, parked };
      const coverage = proveCoverage(facts);
      return coverage.covered
        ? { done: true }
        : { done: false, detail: describeGap(coverage, facts, source.schema) };
    });
    if (projection.sink === 'elasticsearch') {
      // Applied is not yet searchable: make the view's writes visible before the search runs.
      // One refresh per index serves every caller waiting meanwhile (createSharedRefresh).
      if (!sharedRefresh)
        throw new Error('consistency: an Elasticsearch view needs the search client');
      await untilCancelled(
        sharedRefresh.refresh(projection.index),
        condition.signal,
        () => new ConsistencyWaitCancelled(projection.name),
      );
    }
  };

  /**
   * Waits for every receipt of the token whose store the view reads (ADR 0024): the receipts of
   * other contexts' stores are accepted and ignored, nothing the view shows depends on them.
   * Receipts of one store need only the newest checkpoint; of one stream, the newest version.
   */
  const awaitTokenOf = async (
    token: ConsistencyToken,
    scope: TokenCondition['scope'],
    rest: Omit<TokenCondition, 'token' | 'scope'>,
  ): Promise<void> => {
    const projection = projectionNamed(rest.projection);
    const plan = planTokenWaits(receiptsOf(token), scope, {
      reads: (streamId) => reads(projection, streamId),
      sourceOf: (streamId) => sourceOfStream(sources, streamId),
    });
    for (const { streamId, checkpoint } of plan.checkpoints)
      await awaitGlobalPosition({ ...rest, streamId, checkpoint });
    for (const { streamId, version } of plan.versions)
      await awaitStreamVersion({ ...rest, streamId, version });
  };

  return {
    awaitStreamVersion: (condition) => asWaiter(() => awaitStreamVersion(condition)),
    awaitGlobalPosition: (condition) => asWaiter(() => awaitGlobalPosition(condition)),
    awaitToken: ({ token, scope, ...rest }) =>
      token ? asWaiter(() => awaitTokenOf(token, scope, rest)) : Promise.resolve(),
  };
};
