/** Makes an index's recent writes searchable (Elasticsearch `indices.refresh`). */
export type RefreshIndex = (index: string) => Promise<unknown>;

export interface SharedRefresh {
  /**
   * Resolves after a refresh of `index` that started after this call: every write applied
   * before the call is then searchable. Callers meanwhile share one refresh.
   */
  refresh(index: string): Promise<void>;
}

interface IndexState {
  /** Not started yet: whoever asks now is served by it. */
  queued: Promise<void> | undefined;
  /** Started: it may predate a newcomer's writes, so a newcomer queues the next one. */
  running: Promise<void> | undefined;
  lastStartedAt: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One Elasticsearch refresh per index per `minIntervalMs`, however many callers wait on tokens:
 * at most one refresh runs and one is queued per index. A caller joins the queued one, or queues
 * it behind the running one (which may have started before the caller's writes were applied);
 * the queued one starts once the running one ends and `minIntervalMs` has passed since it
 * started. Refreshes are expensive (each opens new segments), and per-caller ones under load
 * would run hundreds a second against the same index.
 */
export const createSharedRefresh = (
  refreshIndex: RefreshIndex,
  { minIntervalMs = 20 }: { minIntervalMs?: number } = {},
): SharedRefresh => {
  const states = new Map<string, IndexState>();
  const stateOf = (index: string): IndexState => {
    let state = states.get(index);
    if (!state) {
      state = { queued: undefined, running: undefined, lastStartedAt: -Infinity };
      states.set(index, state);
    }
    return state;
  };

  const start = async (index: string, state: IndexState): Promise<void> => {
    const wait = state.lastStartedAt + minIntervalMs - Date.now();
    if (wait > 0) await sleep(wait);
    // From here on the refresh may miss a newcomer's writes: newcomers queue the next one.
    state.queued = undefined;
    state.lastStartedAt = Date.now();
    const running = refreshIndex(index).then(() => undefined);
    state.running = running;
    try {
      await running;
    } finally {
      if (state.running === running) state.running = undefined;
    }
  };

  return {
    refresh(index) {
      const state = stateOf(index);
      if (state.queued) return state.queued;
      const previous = state.running?.catch(() => undefined) ?? Promise.resolve();
      const queued = previous.then(() => start(index, state));
      state.queued = queued;
      return queued;
    },
  };
};

/** `work`, unless the signal aborts first: then `cancelled()` (the shared work goes on for others). */
export const untilCancelled = async <T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  cancelled: () => Error,
): Promise<T> => {
  if (!signal) return work;
  if (signal.aborted) throw cancelled();
  let listener: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    listener = () => reject(cancelled());
    signal.addEventListener('abort', listener, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    if (listener) signal.removeEventListener('abort', listener);
  }
};
