import { type PublishedEvent } from '@ledgerline/relay';

/** A row as a bulk reducer folds it: column name → SQL value. */
export type BulkRow = Readonly<Record<string, unknown>>;

/**
 * The batch path of a Postgres projection, for rebuilds (ADR 0015): instead of one statement per
 * event, a rebuild folds a batch of events in memory into the final row per key and writes the
 * rows with one multi-row upsert per table. A projection that provides it must produce exactly
 * the rows its per-event handlers produce (each view proves it in a test).
 */
export interface BulkTable<Row extends object = BulkRow> {
  /** The logical table (a key of the projection's `tables`). */
  readonly table: string;
  /** Its primary key column. */
  readonly key: Extract<keyof Row, string>;
  /** Every column the reducer writes (the key included). */
  readonly columns: readonly Extract<keyof Row, string>[];
  /** The key of the row `event` changes; undefined when it changes none of this table. */
  keyOf(event: PublishedEvent): string | undefined;
  /**
   * The row after `event`, from the row before it (undefined: no row yet). Pure. Throws, as the
   * handler would, for an event it cannot apply.
   */
  fold(row: Row | undefined, event: PublishedEvent): Row;
}

/**
 * A table whose rows are only ever inserted, never changed (a ledger's lines, an order's lines):
 * the batch path collects the rows of a batch's events and inserts them in one statement,
 * keeping a row that exists (`ON CONFLICT (…) DO NOTHING`), as such handlers do.
 */
export interface BulkInserts<Row extends object = BulkRow> {
  readonly table: string;
  /** The columns of its primary key (the conflict target). */
  readonly conflict: readonly Extract<keyof Row, string>[];
  readonly columns: readonly Extract<keyof Row, string>[];
  /** The rows `event` inserts (none for an event that adds nothing to this table). Pure. */
  rowsOf(event: PublishedEvent): readonly Row[];
}

/** One table of a projection's batch path. */
export type BulkSpec = BulkTable | BulkInserts;

export const isBulkInserts = (spec: BulkSpec): spec is BulkInserts => 'rowsOf' in spec;

/** Widens a typed table for the projection's list (the runtime only hands it its own rows). */
export const bulkTable = <Row extends object>(table: BulkTable<Row>): BulkTable =>
  table as unknown as BulkTable;

export const bulkInserts = <Row extends object>(table: BulkInserts<Row>): BulkInserts =>
  table as unknown as BulkInserts;
