import {
  type BulkInserts,
  type BulkRow,
  type BulkSpec,
  type BulkTable,
  isBulkInserts,
  type PostgresProjection,
} from '@ledgerline/projections';
import { type PublishedEvent } from '@ledgerline/relay';
import { type PoolClient } from 'pg';
import { ReplayError } from './errors';
import { type CopyWriter, type WriterOptions } from './sink';

/** Rows kept in memory across batches before the cache starts over (bounds the heap). */
const ROW_CACHE_LIMIT = 300_000;

const unappliable = (event: PublishedEvent, error: unknown) =>
  new ReplayError(
    'unappliable-event',
    `event ${event.type} ${event.streamId} v${event.streamVersion} (position ${event.position}) ` +
      `cannot be applied: ${error instanceof Error ? error.message : String(error)}`,
  );

/** Whether the projection applies `event` (a type without handler is skipped or refused). */
export const handles = (
  projection: { name: string; handlers: Readonly<Record<string, unknown>>; onUnknownType: string },
  event: PublishedEvent,
): boolean => {
  if (projection.handlers[event.type] !== undefined) return true;
  if (projection.onUnknownType === 'skip') return false;
  throw unappliable(event, new Error(`${projection.name} has no handler for ${event.type}`));
};

/** The projection's own handlers, one event at a time, on the copy's tables. */
const handlerWriter = (
  projection: PostgresProjection,
  tables: Readonly<Record<string, string>>,
): CopyWriter => ({
  path: 'handlers',
  async write(client, events) {
    for (const event of events) {
      if (!handles(projection, event)) continue;
      try {
        await projection.handlers[event.type]!(event, { client, tables });
      } catch (error) {
        throw unappliable(event, error);
      }
    }
  },
});

interface ColumnTypes {
  readonly types: ReadonlyMap<string, string>;
}

const columnTypes = async (client: PoolClient, table: string): Promise<ColumnTypes> => {
  const { rows } = await client.query<{ name: string; type: string }>(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
    [table],
  );
  return { types: new Map(rows.map((row) => [row.name, row.type])) };
};

/**
 * The batch path (ADR 0015): per table, load the rows the batch touches that may exist, fold the
 * batch's events into them in memory, and write each changed row once with one multi-row upsert
 * (`INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE`).
 */
const bulkWriter = (
  projection: PostgresProjection,
  bulk: readonly BulkSpec[],
  tables: Readonly<Record<string, string>>,
  options: WriterOptions,
): CopyWriter => {
  const caches = new Map<string, Map<string, BulkRow>>();
  const written = new Map<string, Set<string>>();
  const types = new Map<string, Promise<ColumnTypes>>();

  const tableOf = (spec: BulkSpec): string => {
    const table = tables[spec.table];
    if (!table)
      throw new Error(`${projection.name}: bulk table ${spec.table} is not in its tables`);
    return table;
  };

  /** `INSERT … SELECT FROM unnest($1::type[], …)`, the column types read from the table. */
  const insertRows = async (
    client: PoolClient,
    spec: BulkSpec,
    rows: readonly BulkRow[],
    onConflict: string,
  ) => {
    const table = tableOf(spec);
    types.set(spec.table, types.get(spec.table) ?? columnTypes(client, table));
    const { types: columnType } = await types.get(spec.table)!;
    const values = spec.columns.map((column) => rows.map((row) => row[column]));
    const casts = spec.columns.map((column, i) => {
      const type = columnType.get(column);
      if (!type) throw new Error(`${table} has no column ${column}`);
      return `$${i + 1}::${type}[]`;
    });
    await client.query(
      `INSERT INTO ${table} (${spec.columns.join(', ')})
       SELECT * FROM unnest(${casts.join(', ')}) ${onConflict}`,
      values,
    );
  };

  const writeInserts = async (
    client: PoolClient,
    spec: BulkInserts,
    events: readonly PublishedEvent[],
  ) => {
    const rows: BulkRow[] = [];
    for (const event of events) {
      try {
        rows.push(...spec.rowsOf(event));
      } catch (error) {
        throw unappliable(event, error);
      }
    }
    if (rows.length > 0)
      await insertRows(client, spec, rows, `ON CONFLICT (${spec.conflict.join(', ')}) DO NOTHING`);
  };

  const writeTable = async (
    client: PoolClient,
    spec: BulkTable,
    events: readonly PublishedEvent[],
  ) => {
    const table = tableOf(spec);
    const cache = caches.get(spec.table) ?? new Map<string, BulkRow>();
    caches.set(spec.table, cache);
    const seen = written.get(spec.table) ?? new Set<string>();
    written.set(spec.table, seen);
    const keyed: { key: string; event: PublishedEvent }[] = [];
    for (const event of events) {
      const key = spec.keyOf(event);
      if (key !== undefined) keyed.push({ key, event });
    }
    const rows = new Map<string, BulkRow | undefined>();
    const toLoad = new Set<string>();
    for (const { key } of keyed) {
      if (rows.has(key) || toLoad.has(key)) continue;
      const cached = cache.get(key);
      if (cached) rows.set(key, cached);
      else if (!options.knownEmpty || seen.has(key)) toLoad.add(key);
      else rows.set(key, undefined);
    }
    if (toLoad.size > 0) {
      const loaded = await client.query<BulkRow>(
        `SELECT ${spec.columns.join(', ')} FROM ${table} WHERE ${spec.key} = ANY($1::text[])`,
        [[...toLoad]],
      );
      for (const key of toLoad) rows.set(key, undefined);
      for (const row of loaded.rows) rows.set(String(row[spec.key]), row);
    }
    const changed = new Set<string>();
    for (const { key, event } of keyed) {
      try {
        rows.set(key, spec.fold(rows.get(key), event));
      } catch (error) {
        throw unappliable(event, error);
      }
      changed.add(key);
    }
    if (changed.size === 0) return;
    const updates = spec.columns
      .filter((column) => column !== spec.key)
      .map((column) => `${column} = EXCLUDED.${column}`);
    await insertRows(
      client,
      spec,
      [...changed].map((key) => rows.get(key)!),
      `ON CONFLICT (${spec.key}) DO UPDATE SET ${updates.join(', ')}`,
    );
    if (cache.size + changed.size > ROW_CACHE_LIMIT) cache.clear();
    for (const key of changed) {
      cache.set(key, rows.get(key)!);
      seen.add(key);
    }
  };

  return {
    path: 'bulk',
    async write(client, events) {
      const applied = events.filter((event) => handles(projection, event));
      for (const spec of bulk)
        if (isBulkInserts(spec)) await writeInserts(client, spec, applied);
        else await writeTable(client, spec, applied);
    },
  };
};

/** The writer for a copy's tables: the batch path when the projection has one, else the handlers. */
export const postgresWriter = (
  projection: PostgresProjection,
  tables: Readonly<Record<string, string>>,
  options: WriterOptions,
): CopyWriter =>
  projection.bulk && !options.forceHandlers
    ? bulkWriter(projection, projection.bulk, tables, options)
    : handlerWriter(projection, tables);
