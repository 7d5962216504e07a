import {
  type AccountEvent,
  isAccountEventType,
  type LedgerFold,
} from '@ledgerline/accounts-domain';
import {
  type Checkpoint,
  compareCheckpoints,
  type PostgresEventStore,
  type RecordedEvent,
} from '@ledgerline/event-store';

export interface FoldProgress {
  advance(events: number): void;
}

/**
 * Folds the accounts store's events after `after` into `fold`, in batches of `batchSize` read
 * while the previous batch folds, up to `until` (inclusive) or the readable head. Memory holds
 * the ledger (one entry per account) and two batches, however long the store.
 */
export const foldStore = async (input: {
  store: PostgresEventStore;
  categories: readonly string[];
  fold: LedgerFold;
  after: Checkpoint;
  until: Checkpoint | null;
  batchSize: number;
  progress: FoldProgress;
}): Promise<Checkpoint> => {
  const { store, categories, fold, until, batchSize } = input;
  const read = (after: Checkpoint) => store.readAll({ after, limit: batchSize, categories });
  let checkpoint = input.after;
  let next = read(checkpoint);
  for (;;) {
    const batch = await next;
    const inRange = until
      ? batch.events.filter((e) => compareCheckpoints(checkpointOf(e), until) <= 0)
      : batch.events;
    const last = inRange.length < batch.events.length || batch.events.length < batchSize;
    if (!last) next = read(batch.checkpoint);
    for (const event of inRange) {
      if (!isAccountEventType(event.type))
        throw new Error(`${event.streamId} v${event.streamVersion}: unknown type ${event.type}`);
      fold.apply({ type: event.type, data: event.data } as AccountEvent, event);
    }
    const end = inRange[inRange.length - 1];
    if (end) checkpoint = checkpointOf(end);
    input.progress.advance(inRange.length);
    if (last) return checkpoint;
  }
};

const checkpointOf = (event: RecordedEvent): Checkpoint => ({
  transactionId: event.transactionId,
  position: event.globalPosition,
});
