import { type Checkpoint, compareCheckpoints } from '@ledgerline/event-store';
import { type EventSource } from './sources';
import { type ReceiptPosition } from './token';

/** What a token asks of one view: store checkpoints to be covered, stream versions applied. */
export interface TokenWaits {
  /** One per store the view reads: the newest checkpoint, named by a stream of that store. */
  readonly checkpoints: readonly { readonly streamId: string; readonly checkpoint: Checkpoint }[];
  /** One per stream the view reads: the newest version asked. */
  readonly versions: readonly { readonly streamId: string; readonly version: number }[];
}

export interface ViewReads {
  /** Whether the view reads the stream's category. */
  reads(streamId: string): boolean;
  /** The store (of the query service's sources) the stream belongs to, if any. */
  sourceOf(streamId: string): EventSource | undefined;
}

/**
 * Turns a token's receipts into the waits one view needs (ADR 0009, ADR 0024). Entity reads wait
 * for each receipt's stream the view reads; list reads for each store's newest checkpoint (a
 * receipt without one falls back to its stream). A receipt of a store or stream the view does
 * not read asks nothing: the token of another context is valid, and ignored.
 */
export const planTokenWaits = (
  receipts: readonly ReceiptPosition[],
  scope: 'entity' | 'list',
  view: ViewReads,
): TokenWaits => {
  const checkpoints = new Map<EventSource, { streamId: string; checkpoint: Checkpoint }>();
  const versions = new Map<string, number>();
  for (const { streamId, streamVersion, checkpoint } of receipts) {
    const source = scope === 'list' && checkpoint ? view.sourceOf(streamId) : undefined;
    if (source && checkpoint) {
      const known = checkpoints.get(source);
      if (!known || compareCheckpoints(checkpoint, known.checkpoint) > 0)
        checkpoints.set(source, { streamId, checkpoint });
    } else if (view.reads(streamId) && (scope === 'entity' || !checkpoint)) {
      versions.set(streamId, Math.max(versions.get(streamId) ?? 0, streamVersion));
    }
  }
  return {
    checkpoints: [...checkpoints.values()],
    versions: [...versions].map(([streamId, version]) => ({ streamId, version })),
  };
};
