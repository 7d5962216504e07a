import { type Checkpoint, type EventCodec } from '@ledgerline/event-store';
import { type Messaging } from '@ledgerline/messaging';
import { type SearchClient } from '@ledgerline/search';
import { type Pool } from 'pg';
import { type ProgressReporter } from './progress';
import { type Comparison, type CopyWriter } from './sink';
import { type CopyTarget } from './view';

export interface ReplayDeps {
  readonly pool: Pool;
  readonly messaging: Messaging;
  /** Needed for Elasticsearch views. */
  readonly searchClient?: SearchClient;
  readonly progress?: ProgressReporter;
  /**
   * Opens sealed personal fields of a source store's events (libs/privacy). A forgotten subject's
   * fields rebuild as the marker.
   */
  readonly codecFor?: (schema: string) => EventCodec;
  /**
   * Without `codecFor`, a replay stops at the first event holding a sealed value (the view would
   * serve ciphertext, out of a forget's reach); set, it copies sealed values as stored instead.
   */
  readonly copySealedValues?: boolean;
  /**
   * Retires a cache namespace (every entry becomes a miss), called after a switch for a view with
   * a `cacheNamespace`: a rebuilt row can differ from the cached one at the same stream version.
   */
  readonly retireCache?: (namespace: string) => Promise<void>;
}

/** What became of the view's cached entries after a switch. */
export interface CacheOutcome {
  /** null: the view is not cached. */
  readonly namespace: string | null;
  readonly retired: boolean;
  readonly error?: string;
}

export interface RebuildOptions {
  /** Compare the new copy with the live one before switching (default true). */
  readonly verify?: boolean;
  /** Switch even if the comparison finds differences (they are still reported). */
  readonly acceptDifferences?: boolean;
  /** Events per read of the store and per transaction (default 10,000). */
  readonly batchSize?: number;
  /** Old copies kept after the switch, for rollback (default 1). */
  readonly keepOld?: number;
  /** Documents or rows shown per difference (default 5; Elasticsearch samples 20× as many). */
  readonly sample?: number;
  /** Drop a half-filled copy from an earlier run instead of resuming it. */
  readonly restart?: boolean;
  /** Fill through the per-event handlers even when the projection has a batch path. */
  readonly forceHandlers?: boolean;
}

export interface SwitchSummary {
  readonly projection: string;
  /** The copy now live, and the copy it replaced (kept as `old` unless retention dropped it). */
  readonly live: { readonly generation: number; readonly target: CopyTarget };
  readonly previous: { readonly generation: number; readonly target: CopyTarget };
  readonly resumed: boolean;
  /** The store checkpoint both copies held at the switch; later events came through Kafka. */
  readonly checkpoint: Checkpoint;
  readonly path: CopyWriter['path'];
  /** Events written into the new copy by this run (fill + catch-up). */
  readonly events: number;
  /** Events the live copy was missing at the switch, applied to it so both held the same. */
  readonly liveCatchUpEvents: number;
  readonly durationMs: number;
  readonly fillMs: number;
  readonly eventsPerSecond: number;
  /** From the end of the fill to the switch: both copies caught up, verified, switched. */
  readonly catchUpMs: number;
  /** How long the live projector was frozen (it applies nothing, relays wait: ADR 0015). */
  readonly frozenMs: number;
  /** How long queries waited on the switch (Postgres table lock; 0 for an alias update). */
  readonly switchPauseMs: number;
  readonly switchMs: number;
  readonly verification: Comparison | null;
  readonly dropped: readonly number[];
  readonly cache: CacheOutcome;
}
