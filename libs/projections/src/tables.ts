import { type ClientBase } from 'pg';

// Helpers every Postgres view needs, for its projection (table and index names) and its queries
// (page limits, timestamps).

/** Anything that runs a query: a pool, a pooled client, a client inside a transaction. */
export type Queryable = Pick<ClientBase, 'query'>;

const IDENTIFIER = '[a-z_][a-z0-9_]*';
const QUALIFIED = new RegExp(`^(${IDENTIFIER})\\.(${IDENTIFIER})$`);

/**
 * Splits `schema.table` (plain lower-case identifiers, so names never need quoting and can never
 * smuggle SQL). Table names are parameters of every view, so a rebuild can fill a shadow copy.
 */
export const tableName = (qualified: string): { schema: string; table: string } => {
  const match = QUALIFIED.exec(qualified);
  if (!match) throw new Error(`table name ${qualified} must be schema.table in lower case`);
  return { schema: match[1]!, table: match[2]! };
};

/**
 * The schema a table name names, quoted or not (`schema.table`, `"schema".table`); undefined for
 * a name the search path resolves.
 */
export const schemaOfTable = (qualified: string): string | undefined => {
  const dot = qualified.lastIndexOf('.');
  return dot > 0 ? qualified.slice(0, dot).replace(/^"(.*)"$/, '$1') : undefined;
};

/** An index name unique to the table, so a shadow copy in the same schema gets its own. */
export const indexName = (qualified: string, suffix: string): string =>
  `${tableName(qualified).table}_${suffix}`;

export const MAX_PAGE_SIZE = 500;

export const checkLimit = (limit: number): number => {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    throw new RangeError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}, not ${limit}`);
  return limit;
};

/** Timestamps leave the views as ISO-8601 UTC strings. */
export const iso = (value: Date | string): string => new Date(value).toISOString();

/**
 * `UPDATE … SET` for the columns an event changes, as `col = $n` from `$first` on. Column names
 * come from the view's own typed column lists, never from event data.
 */
export const setClause = (columns: readonly string[], first: number): string =>
  columns.map((column, i) => `${column} = $${first + i}`).join(', ');
