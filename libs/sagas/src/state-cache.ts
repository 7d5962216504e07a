import { type SagaStatus } from './saga';

/** A saga's row as this process last wrote or read it. */
export interface CachedSaga {
  readonly state: unknown;
  readonly status: SagaStatus;
  readonly version: number;
  /** Steps pending in the outbox, when this process knows them (it wrote every change since). */
  readonly pendingSteps?: ReadonlySet<string>;
}

/**
 * The rows of recently active sagas, so handling an input is one round trip (the conditional
 * write) instead of a locked read and a write. The write checks the version; a stale entry (another
 * replica or an operator changed the saga) makes it fail, and the caller re-reads. Least recently
 * used entries go first.
 */
export class SagaStateCache {
  private readonly entries = new Map<string, CachedSaga>();

  constructor(private readonly capacity = 20_000) {}

  get(sagaId: string): CachedSaga | undefined {
    const entry = this.entries.get(sagaId);
    if (entry) {
      this.entries.delete(sagaId);
      this.entries.set(sagaId, entry);
    }
    return entry;
  }

  set(sagaId: string, entry: CachedSaga): void {
    this.entries.delete(sagaId);
    this.entries.set(sagaId, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  delete(sagaId: string): void {
    this.entries.delete(sagaId);
  }
}
