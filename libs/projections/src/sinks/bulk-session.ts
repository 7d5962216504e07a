import { type PublishedEvent } from '@ledgerline/relay';
import { type PoolClient } from 'pg';
import { HandlerFailedInBatch, type SinkSession } from '../apply-batch';
import {
  type BulkInserts,
  type BulkRow,
  type BulkSpec,
  type BulkTable,
  isBulkInserts,
} from '../bulk';
import { type TableNames } from '../projection';

/** A table's column types (`format_type`), read once per table and process. */
type ColumnTypes = ReadonlyMap<string, string>;
const columnTypesOf = new Map<string, Promise<ColumnTypes>>();

const columnTypes = (client: PoolClient, table: string): Promise<ColumnTypes> => {
  let types = columnTypesOf.get(table);
  if (!types) {
    types = client
      .query<{ name: string; type: string }>(
        `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
          WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
        [table],
      )
      .then(({ rows }) => new Map(rows.map((row) => [row.name, row.type])));
    // A failed read (a table not migrated yet) is tried again by the next batch.
    types.catch(() => columnTypesOf.delete(table));
    columnTypesOf.set(table, types);
  }
  return types;
};

/** `INSERT … SELECT FROM unnest($1::type[], …) <onConflict>`: any number of rows, one statement. */
const insertRows = async (
  client: PoolClient,
  table: string,
  columns: readonly string[],
  rows: readonly BulkRow[],
  onConflict: string,
): Promise<void> => {
  const types = await columnTypes(client, table);
  const casts = columns.map((column, i) => {
    const type = types.get(column);
    if (!type) throw new Error(`${table} has no column ${column}`);
    return `$${i + 1}::${type}[]`;
  });
  await client.query(
    `INSERT INTO ${table} (${columns.join(', ')})
     SELECT * FROM unnest(${casts.join(', ')}) ${onConflict}`,
    columns.map((column) => rows.map((row) => row[column])),
  );
};

/** A fold or `rowsOf` that throws is the event's fault: the batch falls back to the handlers. */
const asHandlerFailure = <T>(work: () => T): T => {
  try {
    return work();
  } catch (error) {
    throw new HandlerFailedInBatch(error);
  }
};

const writeInserts = async (
  client: PoolClient,
  table: string,
  spec: BulkInserts,
  events: readonly PublishedEvent[],
) => {
  const rows = events.flatMap((event) => asHandlerFailure(() => spec.rowsOf(event)));
  if (rows.length > 0)
    await insertRows(
      client,
      table,
      spec.columns,
      rows,
      `ON CONFLICT (${spec.conflict.join(', ')}) DO NOTHING`,
    );
};

/** Loads the rows the events touch, folds the events into them in order, upserts the changed. */
const writeTable = async (
  client: PoolClient,
  table: string,
  spec: BulkTable,
  events: readonly PublishedEvent[],
) => {
  const keyed = events.flatMap((event) => {
    const key = asHandlerFailure(() => spec.keyOf(event));
    return key === undefined ? [] : [{ key, event }];
  });
  if (keyed.length === 0) return;
  const rows = new Map<string, BulkRow | undefined>(keyed.map(({ key }) => [key, undefined]));
  const { rows: existing } = await client.query<BulkRow>(
    `SELECT ${spec.columns.join(', ')} FROM ${table} WHERE ${spec.key} = ANY($1::text[])`,
    [[...rows.keys()]],
  );
  for (const row of existing) rows.set(String(row[spec.key]), row);
  for (const { key, event } of keyed)
    rows.set(
      key,
      asHandlerFailure(() => spec.fold(rows.get(key), event)),
    );
  const updates = spec.columns
    .filter((column) => column !== spec.key)
    .map((column) => `${column} = EXCLUDED.${column}`);
  await insertRows(
    client,
    table,
    spec.columns,
    [...rows.values()].filter((row): row is BulkRow => row !== undefined),
    `ON CONFLICT (${spec.key}) DO UPDATE SET ${updates.join(', ')}`,
  );
};

/**
 * The live projector's fast path for a projection with a batch path (`bulk`, ADR 0015): `apply`
 * only collects the batch's events; `flush` writes them per table with one load and one
 * multi-row upsert, instead of a statement (a round trip) per event. The events reaching it are
 * the ones the runtime decided to apply, in order, so the fold sees exactly what the handlers
 * would. A fold that throws fails the batch's fast path (`HandlerFailedInBatch`): the batch is
 * rolled back to its savepoint and applied again by the handlers, event by event, so the
 * offending event is parked as before.
 */
export const bulkSession = <Tables extends TableNames>(
  client: PoolClient,
  tables: Tables,
  bulk: readonly BulkSpec[],
): SinkSession<unknown> => {
  const events: PublishedEvent[] = [];
  return {
    apply(_index, event) {
      events.push(event);
      return Promise.resolve({ ok: true });
    },
    async flush() {
      for (const spec of bulk) {
        const table = tables[spec.table];
        if (!table)
          throw new Error(`bulk table ${spec.table} is not among the projection's tables`);
        if (isBulkInserts(spec)) await writeInserts(client, table, spec, events);
        else await writeTable(client, table, spec, events);
      }
      return new Map();
    },
  };
};
