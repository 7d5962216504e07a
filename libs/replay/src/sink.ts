import { type PublishedEvent } from '@ledgerline/relay';
import { type PoolClient } from 'pg';
import { type CopyTarget } from './view';

/** Writes store events into one copy of a view. */
export interface CopyWriter {
  /**
   * Applies `events` (store order; every one new to the copy) inside `client`'s transaction (the
   * one that moves the copy's checkpoint). Throws `ReplayError('unappliable-event')` for an
   * event the projection cannot apply.
   */
  write(client: PoolClient, events: readonly PublishedEvent[]): Promise<void>;
  /** Which path the writer takes: `bulk` (batch reducer) or `handlers` (one event at a time). */
  readonly path: 'bulk' | 'handlers';
}

export interface WriterOptions {
  /** The copy was empty when this writer started: a key it has not written yet has no row. */
  readonly knownEmpty: boolean;
  /** Use the per-event handlers even if the projection has a batch reducer (tests compare both). */
  readonly forceHandlers?: boolean;
}

export interface TableComparison {
  readonly name: string;
  readonly liveRows: number;
  readonly shadowRows: number;
  readonly liveChecksum: string | null;
  readonly shadowChecksum: string | null;
  /** Rows (or sampled documents) present or different in one copy and not in the other. */
  readonly onlyInLive: number;
  readonly onlyInShadow: number;
  readonly samples: readonly string[];
}

export interface Comparison {
  readonly equal: boolean;
  readonly tables: readonly TableComparison[];
}

/** What a rebuild needs from a sink (Postgres tables or an Elasticsearch index). */
export interface CopySink {
  /** Where the live copy is now. */
  liveTarget(): Promise<CopyTarget>;
  /** Creates (or, resuming, finds) the empty copy of generation `generation`. */
  createShadow(generation: number): Promise<CopyTarget>;
  writer(target: CopyTarget, options: WriterOptions): CopyWriter;
  /**
   * Whether the live copy can take the current handlers' writes (Elasticsearch: same mapping
   * version). When not, it is not caught up before the switch (ADR 0015).
   */
  acceptsCurrentHandlers(live: CopyTarget): boolean;
  /** Makes a filled copy ready to serve (Elasticsearch: refresh and replicas back on). */
  settle(target: CopyTarget): Promise<void>;
  compare(live: CopyTarget, shadow: CopyTarget, sample: number): Promise<Comparison>;
  /**
   * Makes `next` the live copy. Postgres: renames inside `client`'s transaction (the caller
   * commits; queries wait on the table lock until then, never seeing neither copy). Elasticsearch:
   * one atomic alias update. Returns where both copies are afterwards.
   */
  promote(
    client: PoolClient,
    live: { generation: number; target: CopyTarget },
    next: { generation: number; target: CopyTarget },
  ): Promise<{ demoted: CopyTarget; promoted: CopyTarget }>;
  drop(target: CopyTarget): Promise<void>;
}
