import { fold, type DomainEvent } from '@ledgerline/domain';

import { type AppendManyOptions, type AppendManyResult, type StreamAppend } from './append-many';
import { DeadlineExceeded, WrongExpectedVersion } from './errors';
import { canonicalJson, sha256 } from './request-hash';
import { type LruStateCache } from './state-cache';
import {
  categoryOf,
  type EventMetadata,
  type IdempotencyOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from './types';

/** The part of the event store a command over several streams needs. */
export interface MultiStreamStorePort {
  readStream(streamId: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]>;
  appendMany(
    appends: readonly StreamAppend[],
    options?: AppendManyOptions,
  ): Promise<AppendManyResult>;
  findAppendManyResult(
    category: string,
    idempotency: { key: string; requestHash: string },
  ): Promise<AppendManyResult | undefined>;
}

/**
 * A decision over several streams: given each stream's state (in the order of `streamIds`), the
 * events each must record, in the same order. Pure, like a one-stream decider.
 */
export interface MultiStreamDecider<Command, State, Event extends DomainEvent> {
  readonly initialState: State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, states: readonly State[]) => readonly (readonly Event[])[];
}

export interface HandleMultiStreamCommandOptions<Command, State, Event extends DomainEvent> {
  readonly store: MultiStreamStorePort;
  readonly decider: MultiStreamDecider<Command, State, Event>;
  /** Distinct streams; the idempotency key is kept under the first one's category. */
  readonly streamIds: readonly string[];
  readonly command: Command;
  /** `requestHash` defaults to the sha256 of the stream ids and the command. */
  readonly idempotency?: IdempotencyOptions;
  readonly metadata?: EventMetadata;
  /** Retries after WrongExpectedVersion before giving up (default 3). */
  readonly maxRetries?: number;
  readonly retryDelayMs?: (attempt: number) => number;
  /** Folded states shared with the one-stream loop: read first, refreshed after the append. */
  readonly cache?: LruStateCache<State>;
  readonly deadline?: Date | undefined;
  /** Whether the caller may run the command, asked with every stream's state before `decide`. */
  readonly authorize?: (states: readonly State[]) => void;
}

export interface StreamOutcome<State> {
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
  readonly events: readonly RecordedEvent[];
  readonly state: State;
}

export interface MultiStreamCommandResult<State> {
  /** One per stream, in the order of `streamIds`. */
  readonly streams: readonly StreamOutcome<State>[];
  /** The transaction that recorded every stream's events ('' when nothing was decided). */
  readonly transactionId: string;
  readonly replayed: boolean;
}

interface Loaded<State> {
  readonly state: State;
  readonly version: number;
  readonly position: number;
  readonly cached: boolean;
}

const defaultDelay = (attempt: number): number => (5 + Math.random() * 5) * 2 ** (attempt - 1);

/**
 * The command loop over several streams (ADR 0022): load every stream, authorize, decide on all
 * states at once, append everything in one transaction with each loaded version as its expected
 * version, and on WrongExpectedVersion load again and decide again. A refusal decided on cached
 * states is decided again on the streams as stored; a refusal on stored states re-checks the
 * idempotency key, since the same request may have committed meanwhile.
 */
export const handleMultiStreamCommand = async <Command, State, Event extends DomainEvent>(
  options: HandleMultiStreamCommandOptions<Command, State, Event>,
): Promise<MultiStreamCommandResult<State>> => {
  const { store, decider, streamIds, command, metadata, cache, deadline } = options;
  const { maxRetries = 3, retryDelayMs = defaultDelay } = options;
  if (new Set(streamIds).size !== streamIds.length || streamIds.length === 0)
    throw new RangeError('a command over several streams names each stream once');
  const idempotency = options.idempotency && {
    key: options.idempotency.key,
    requestHash: options.idempotency.requestHash ?? sha256(canonicalJson([streamIds, command])),
  };
  const evolveAll = (events: readonly RecordedEvent[], from: State): State =>
    fold(decider, events as unknown as readonly Event[], from);

  const load = async (streamId: string, useCache: boolean): Promise<Loaded<State>> => {
    const hit = useCache ? cache?.get(streamId) : undefined;
    if (hit) return { ...hit, cached: true };
    const events = await store.readStream(streamId);
    const last = events[events.length - 1];
    return {
      state: evolveAll(events, decider.initialState),
      version: last?.streamVersion ?? 0,
      position: last?.globalPosition ?? 0,
      cached: false,
    };
  };

  const replay = async (result: AppendManyResult): Promise<MultiStreamCommandResult<State>> => {
    const streams = await Promise.all(
      result.streams.map(async (stream) => {
        const history = await store.readStream(stream.streamId, { limit: stream.nextVersion });
        return {
          streamId: stream.streamId,
          version: stream.nextVersion,
          position: stream.position,
          events: stream.events,
          state: evolveAll(history, decider.initialState),
        };
      }),
    );
    return { streams, transactionId: result.transactionId, replayed: true };
  };
  const forget = (): void => streamIds.forEach((id) => cache?.delete(id));

  let useCache = true;
  for (let attempt = 0; ; attempt++) {
    if (deadline !== undefined && deadline.getTime() <= Date.now())
      throw new DeadlineExceeded(streamIds[0]!, deadline);
    const loaded = await Promise.all(streamIds.map((id) => load(id, useCache)));
    const anyCached = loaded.some((l) => l.cached);
    useCache = true;
    const states = loaded.map((l) => l.state);
    let decided: readonly (readonly Event[])[];
    try {
      options.authorize?.(states);
      decided = decider.decide(command, states);
    } catch (error) {
      if (anyCached) {
        // A refusal must rest on the streams as stored, not on possibly stale cached states.
        forget();
        useCache = false;
        attempt--;
        continue;
      }
      const earlier =
        idempotency && (await store.findAppendManyResult(categoryOf(streamIds[0]!), idempotency));
      if (earlier) return replay(earlier);
      throw error;
    }
    const appends = streamIds
      .map((streamId, index) => ({
        streamId,
        events: (decided[index] ?? []).map(({ type, data }) => ({ type, data })),
        expectedVersion:
          loaded[index]!.version === 0 ? ('no_stream' as const) : loaded[index]!.version,
      }))
      .filter((append) => append.events.length > 0);
    if (appends.length === 0) {
      const streams = streamIds.map((streamId, i) => {
        const { state, version, position } = loaded[i]!;
        return { streamId, state, version, position, events: [] };
      });
      return { streams, transactionId: '', replayed: false };
    }
    let result: AppendManyResult;
    try {
      result = await store.appendMany(appends, {
        ...(idempotency ? { idempotency } : {}),
        ...(metadata ? { metadata } : {}),
        ...(deadline ? { deadline } : {}),
      });
    } catch (error) {
      forget();
      if (error instanceof WrongExpectedVersion && anyCached) {
        useCache = false;
        attempt--;
        continue;
      }
      if (error instanceof WrongExpectedVersion && attempt < maxRetries) {
        useCache = false;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt + 1)));
        continue;
      }
      throw error;
    }
    if (result.replayed) {
      forget();
      return replay(result);
    }
    const streams = streamIds.map((streamId, index): StreamOutcome<State> => {
      const written = result.streams.find((s) => s.streamId === streamId);
      const before = loaded[index]!;
      if (!written) {
        const { version, position } = before;
        return { streamId, state: before.state, version, position, events: [] };
      }
      const state = evolveAll(written.events, before.state);
      const outcome = { state, version: written.nextVersion, position: written.position };
      cache?.set(streamId, outcome);
      return { streamId, ...outcome, events: written.events };
    });
    return { streams, transactionId: result.transactionId, replayed: false };
  }
};
