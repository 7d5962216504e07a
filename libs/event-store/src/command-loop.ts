import { fold, type Decider, type DomainEvent } from '@ledgerline/domain';

import { DeadlineExceeded, WrongExpectedVersion } from './errors';
import { type LruStateCache } from './state-cache';
import { canonicalJson, sha256 } from './request-hash';
import {
  type AppendOptions,
  type AppendResult,
  type EventMetadata,
  type IdempotencyOptions,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type Snapshot,
} from './types';

/** The part of the event store the command loop needs (PostgresEventStore implements it). */
export interface EventStorePort {
  readStream(streamId: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]>;
  append(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult>;
  findIdempotentResult(
    streamId: string,
    idempotency: { key: string; requestHash: string },
  ): Promise<AppendResult | undefined>;
  loadSnapshot<State>(streamId: string, stateVersion: number): Promise<Snapshot<State> | undefined>;
  saveSnapshot<State>(
    streamId: string,
    stateVersion: number,
    snapshot: Snapshot<State>,
  ): Promise<void>;
}

export interface HandleCommandOptions<Command, State, Event extends DomainEvent> {
  readonly store: EventStorePort;
  readonly decider: Decider<Command, State, Event>;
  readonly streamId: string;
  readonly command: Command;
  /** `requestHash` defaults to the sha256 of the stream id and the command. */
  readonly idempotency?: IdempotencyOptions;
  readonly metadata?: EventMetadata;
  /** Take a snapshot whenever the stream crosses a multiple of this many events. */
  readonly snapshotEvery?: number;
  /** Bump when the state's shape changes: older snapshots are then ignored. Default 1. */
  readonly snapshotStateVersion?: number;
  /** Retries after WrongExpectedVersion before giving up (default 3). */
  readonly maxRetries?: number;
  /** Backoff before retry `attempt` (1-based); default a jittered 5–10 ms × 2^(attempt-1). */
  readonly retryDelayMs?: (attempt: number) => number;
  /** A failed snapshot write never fails the command; it is reported here. */
  readonly onSnapshotError?: (error: unknown) => void;
  /**
   * Folded states of recent streams: with it, a command is decided on the cached state and
   * appended in one round trip; a stale entry fails the expected-version check, is evicted and
   * the stream reloaded. The idempotency pre-check is skipped too: the append itself recognises
   * a repeated key atomically, and a refused decision re-checks the key.
   */
  readonly cache?: LruStateCache<State>;
  /**
   * The caller's deadline: once it has passed the command is neither decided again nor
   * appended (DeadlineExceeded), and the append's statement is bounded by it (AppendOptions).
   */
  readonly deadline?: Date | undefined;
  /**
   * Whether the caller may run the command on this stream, asked with the loaded state before
   * `decide` (ownership lives in the state). Throw to refuse. A refusal never replays an earlier
   * result of the same idempotency key: that result belongs to whoever was allowed to cause it.
   */
  readonly authorize?: (state: State) => void;
}

export interface CommandResult<State> {
  readonly streamId: string;
  /** The stream's version after the command. */
  readonly version: number;
  /** Global position of the stream's last event (0 for a stream that has none). */
  readonly position: number;
  /** What this command recorded (or, for a recognised retry, what the original recorded). */
  readonly events: readonly RecordedEvent[];
  readonly state: State;
  /** True when an idempotency key matched an earlier command: nothing was decided or written. */
  readonly replayed: boolean;
}

const defaultDelay = (attempt: number): number => (5 + Math.random() * 5) * 2 ** (attempt - 1);

/** Whether going from `before` to `after` crosses a multiple of `every`. */
export const snapshotDue = (before: number, after: number, every: number | undefined): boolean =>
  every !== undefined && every > 0 && Math.floor(before / every) < Math.floor(after / every);

interface Loaded<State> {
  readonly state: State;
  readonly version: number;
  readonly position: number;
}

/**
 * The one command-handling loop: honour the idempotency key, load (snapshot + tail), decide,
 * append with the loaded version as expected version, retry on WrongExpectedVersion with jittered
 * backoff. Domain errors from `decide` propagate untouched.
 */
export const handleCommand = async <Command, State, Event extends DomainEvent>(
  options: HandleCommandOptions<Command, State, Event>,
): Promise<CommandResult<State>> => {
  const { store, decider, streamId, command, metadata, maxRetries = 3 } = options;
  const { snapshotEvery, snapshotStateVersion = 1, retryDelayMs = defaultDelay } = options;
  const idempotency = options.idempotency && {
    key: options.idempotency.key,
    requestHash: options.idempotency.requestHash ?? sha256(canonicalJson([streamId, command])),
  };
  const evolveAll = (events: readonly RecordedEvent[], from: State): State =>
    fold(decider, events as unknown as readonly Event[], from);

  const replay = async (result: AppendResult): Promise<CommandResult<State>> => {
    const history = await store.readStream(result.streamId, { limit: result.nextVersion });
    return {
      streamId: result.streamId,
      version: result.nextVersion,
      position: result.position,
      events: result.events,
      state: evolveAll(history, decider.initialState),
      replayed: true,
    };
  };

  const { cache } = options;
  // A cached state whose append met a newer version (another replica appended meanwhile) is
  // caught up from where it stands: the events after it, not the whole stream again, and at once,
  // since a stale cache is not contention. (A refusal on a cached state reloads the stream whole.)
  let stale: Loaded<State> | undefined;
  const load = async (useCache: boolean): Promise<Loaded<State> & { cached: boolean }> => {
    const cached = useCache ? cache?.get(streamId) : undefined;
    if (cached) return { ...cached, cached: true };
    const snapshot =
      stale ??
      (snapshotEvery ? await store.loadSnapshot<State>(streamId, snapshotStateVersion) : undefined);
    stale = undefined;
    const tail = await store.readStream(streamId, { from: (snapshot?.version ?? 0) + 1 });
    const last = tail[tail.length - 1];
    return {
      state: evolveAll(tail, snapshot ? snapshot.state : decider.initialState),
      version: last?.streamVersion ?? snapshot?.version ?? 0,
      position: last?.globalPosition ?? snapshot?.position ?? 0,
      cached: false,
    };
  };

  if (idempotency && !cache && !options.authorize) {
    const earlier = await store.findIdempotentResult(streamId, idempotency);
    if (earlier) return replay(earlier);
  }

  const { deadline } = options;
  let useCache = true;
  for (let attempt = 0; ; attempt++) {
    if (deadline !== undefined && deadline.getTime() <= Date.now())
      throw new DeadlineExceeded(streamId, deadline);
    const { cached, ...loaded } = await load(useCache);
    useCache = true;
    try {
      options.authorize?.(loaded.state);
    } catch (error) {
      if (!cached) throw error;
      // As with a refused decision: refuse on the stream as stored, not on a stale cached state.
      cache?.delete(streamId);
      useCache = false;
      attempt--;
      continue;
    }
    let decided: readonly Event[];
    try {
      decided = decider.decide(command, loaded.state);
    } catch (error) {
      if (cached) {
        // A refusal must rest on the stream as stored, not on a possibly stale cached state.
        cache?.delete(streamId);
        useCache = false;
        attempt--;
        continue;
      }
      // The same request may have committed between the key check above and the load: the state
      // then already holds its effect and `decide` refuses what is really a retry (a second
      // "create" finds the entity existing). The key, checked again, tells the two apart.
      const earlier = idempotency && (await store.findIdempotentResult(streamId, idempotency));
      if (earlier) return replay(earlier);
      throw error;
    }
    if (decided.length === 0) {
      return { streamId, ...loaded, events: [], replayed: false };
    }
    let result: AppendResult;
    try {
      result = await store.append(
        streamId,
        decided.map(({ type, data }) => ({ type, data })),
        {
          expectedVersion: loaded.version === 0 ? 'no_stream' : loaded.version,
          ...(idempotency ? { idempotency } : {}),
          ...(metadata ? { metadata } : {}),
          ...(deadline ? { deadline } : {}),
        },
      );
    } catch (error) {
      cache?.delete(streamId);
      if (error instanceof WrongExpectedVersion && cached) {
        stale = loaded;
        attempt--;
        continue;
      }
      if (error instanceof WrongExpectedVersion && attempt < maxRetries) {
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt + 1)));
        continue;
      }
      throw error;
    }
    if (result.replayed) {
      cache?.delete(streamId);
      return replay(result);
    }
    const state = evolveAll(result.events, loaded.state);
    cache?.set(streamId, { state, version: result.nextVersion, position: result.position });
    if (snapshotDue(loaded.version, result.nextVersion, snapshotEvery)) {
      await store
        .saveSnapshot(streamId, snapshotStateVersion, {
          version: result.nextVersion,
          position: result.position,
          state,
        })
        .catch((error: unknown) => options.onSnapshotError?.(error));
    }
    return {
      streamId,
      version: result.nextVersion,
      position: result.position,
      events: result.events,
      state,
      replayed: false,
    };
  }
};
