/** A stream's folded state as the command loop last saw it. */
export interface CachedState<State> {
  readonly state: State;
  readonly version: number;
  readonly position: number;
}

/**
 * Keeps recently used streams' folded state in memory, so a command costs one round trip (the
 * append) instead of two. It is only ever a guess: the append's expected version checks it, and
 * a WrongExpectedVersion evicts the entry and reloads from the store. States must be immutable
 * (deciders' `evolve` returns new objects), since entries are shared.
 */
export class LruStateCache<State> {
  private readonly entries = new Map<string, CachedState<State>>();

  constructor(private readonly capacity = 10_000) {}

  get(streamId: string): CachedState<State> | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      // Re-insert to mark it most recently used (Map keeps insertion order).
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  set(streamId: string, entry: CachedState<State>): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }

  get size(): number {
    return this.entries.size;
  }
}
