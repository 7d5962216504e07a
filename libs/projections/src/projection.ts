import { type SearchClient, type VersionedIndex } from '@ledgerline/search';
import { type PublishedEvent } from '@ledgerline/relay';
import { type PoolClient } from 'pg';
import { type BulkSpec } from './bulk';

/** Logical table name → qualified table name, e.g. `{ balances: 'read_accounts.balances_v1' }`. */
export type TableNames = Readonly<Record<string, string>>;

/** What an event of a type nobody handles does: nothing, or block its stream until redriven. */
export type UnknownTypePolicy = 'skip' | 'park';

interface ProjectionBase<Handler> {
  /** Unique per read model; keys the runtime's checkpoints, parked events and DLQ topic. */
  readonly name: string;
  readonly topics: readonly string[];
  readonly handlers: Readonly<Record<string, Handler>>;
  readonly onUnknownType: UnknownTypePolicy;
}

export interface PostgresHandlerContext<Tables extends TableNames> {
  /** Bound to the batch's transaction: writes commit with the runtime's checkpoint or not at all. */
  readonly client: PoolClient;
  readonly tables: Tables;
}

export type PostgresHandler<Tables extends TableNames> = (
  event: PublishedEvent,
  context: PostgresHandlerContext<Tables>,
) => Promise<void>;

export interface PostgresProjection<Tables extends TableNames = TableNames> extends ProjectionBase<
  PostgresHandler<Tables>
> {
  readonly sink: 'postgres';
  /** Where the handlers write; a rebuild passes shadow copies instead. Never hard-coded. */
  readonly tables: Tables;
  /** Creates the projection's tables (idempotently); run once at start-up. */
  readonly migrate?: (client: PoolClient, tables: Tables) => Promise<void>;
  /**
   * Optional batch path for rebuilds (see `BulkTable`, `BulkInserts`): every table of the view,
   * each folded or collected per batch. Without it a rebuild runs the handlers.
   */
  readonly bulk?: readonly BulkSpec[];
}

/** A full-document write or a delete; versions are external, so an older one never wins. */
export type SearchOperation =
  | {
      readonly op: 'index';
      readonly id: string;
      readonly document: Readonly<Record<string, unknown>>;
      /** Default: the event's stream version. Use `event.position` for multi-stream documents. */
      readonly version?: number;
    }
  | { readonly op: 'delete'; readonly id: string; readonly version?: number };

export interface SearchHandlerContext {
  /** The alias (or index) the projection writes to. */
  readonly index: string;
  /**
   * The document as this batch left it so far (earlier operations of the batch included), else
   * as Elasticsearch has it; undefined when absent. For building the next full document.
   */
  get(id: string): Promise<Record<string, unknown> | undefined>;
}

export type SearchHandler = (
  event: PublishedEvent,
  context: SearchHandlerContext,
) => Promise<readonly SearchOperation[]> | readonly SearchOperation[];

export interface ElasticsearchProjection extends ProjectionBase<SearchHandler> {
  readonly sink: 'elasticsearch';
  readonly index: string;
  /** Creates the index (e.g. with `ensureVersionedIndex`); run once at start-up. */
  readonly setup?: (client: SearchClient, index: string) => Promise<void>;
  /**
   * The versioned index `setup` creates behind the alias `index`: a rebuild creates the next copy
   * with these mappings (a new `version` = a new `<alias>-v<version>` index) and moves the alias.
   */
  readonly searchIndex?: VersionedIndex;
  /**
   * The ids of the documents the handler of `event` reads (`context.get`): a batch reads them all
   * in one request before its first handler runs, instead of one request per event. Throws or
   * returns nothing for an event it cannot tell; the handler then reads as before.
   */
  readonly documentsRead?: (event: PublishedEvent) => readonly string[];
}

export type Projection = PostgresProjection<TableNames> | ElasticsearchProjection;

export const postgresProjection = <Tables extends TableNames>(
  definition: Omit<PostgresProjection<Tables>, 'sink'>,
): PostgresProjection<Tables> => ({ ...definition, sink: 'postgres' });

export const elasticsearchProjection = (
  definition: Omit<ElasticsearchProjection, 'sink'>,
): ElasticsearchProjection => ({ ...definition, sink: 'elasticsearch' });

/** The dead-letter topic of a projection. */
export const deadLetterTopic = (projection: string): string => `ledgerline.dlq.${projection}`;
