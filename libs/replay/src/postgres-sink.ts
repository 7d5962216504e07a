import { type PostgresProjection, tableName } from '@ledgerline/projections';
import { type Pool, type PoolClient } from 'pg';
import { postgresWriter } from './postgres-writer';
import { type Comparison, type CopySink, type TableComparison } from './sink';
import { type CopyTarget } from './view';

/** Where generation `generation` of a table lives while it is not the live copy. */
export const copyTableName = (live: string, generation: number): string => {
  const { schema, table } = tableName(live);
  return `${schema}.${table}__g${generation}`;
};

const tablesOf = (target: CopyTarget) => {
  if (target.kind !== 'postgres') throw new Error(`not a Postgres copy: ${target.index}`);
  return target.tables;
};

/**
 * Renames a table and the indexes named after it (`<table>_<suffix>`, as `indexName` makes
 * them), so the promoted copy's indexes carry the live names and a later `migrate` finds them.
 */
const renameTable = async (client: PoolClient, from: string, to: string) => {
  const source = tableName(from);
  const target = tableName(to);
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1::regclass`,
    [from],
  );
  await client.query(`ALTER TABLE ${from} RENAME TO ${target.table}`);
  for (const { name } of rows) {
    if (!name.startsWith(`${source.table}_`)) continue;
    const renamed = `${target.table}_${name.slice(source.table.length + 1)}`;
    await client.query(`ALTER INDEX ${source.schema}."${name}" RENAME TO "${renamed}"`);
  }
};

/** Blue-green copies of a Postgres projection's tables, all in the live tables' schemas. */
export const postgresSink = (pool: Pool, projection: PostgresProjection): CopySink => {
  const live: CopyTarget = { kind: 'postgres', tables: projection.tables };
  const copyOf = (generation: number): CopyTarget => ({
    kind: 'postgres',
    tables: Object.fromEntries(
      Object.entries(projection.tables).map(([logical, name]) => [
        logical,
        copyTableName(name, generation),
      ]),
    ),
  });

  return {
    liveTarget: () => Promise.resolve(live),

    async createShadow(generation) {
      const target = copyOf(generation);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await projection.migrate?.(client, tablesOf(target));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      return target;
    },

    writer: (target, options) => postgresWriter(projection, tablesOf(target), options),

    acceptsCurrentHandlers: () => true,

    settle: () => Promise.resolve(),

    async compare(liveCopy, shadow, sample) {
      const liveTables = tablesOf(liveCopy);
      const shadowTables = tablesOf(shadow);
      const tables: TableComparison[] = [];
      const client = await pool.connect();
      try {
        // One snapshot for both copies.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        for (const [logical, liveName] of Object.entries(liveTables)) {
          const shadowName = shadowTables[logical]!;
          const summary = async (name: string) => {
            const { rows } = await client.query<{ rows: string; checksum: string | null }>(
              `SELECT count(*) AS rows, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text)))
                 AS checksum FROM ${name} t`,
            );
            return { rows: Number(rows[0]!.rows), checksum: rows[0]!.checksum };
          };
          const except = async (a: string, b: string) => {
            const { rows } = await client.query<{ n: string }>(
              `SELECT count(*) AS n FROM (SELECT t::text FROM ${a} t
                 EXCEPT ALL SELECT u::text FROM ${b} u) d`,
            );
            const examples = await client.query<{ row: string }>(
              `SELECT row FROM (SELECT t::text AS row FROM ${a} t
                 EXCEPT ALL SELECT u::text FROM ${b} u) d ORDER BY row LIMIT $1`,
              [sample],
            );
            return { n: Number(rows[0]!.n), examples: examples.rows.map((r) => r.row) };
          };
          const [l, s] = [await summary(liveName), await summary(shadowName)];
          const equal = l.rows === s.rows && l.checksum === s.checksum;
          const onlyLive = equal ? { n: 0, examples: [] } : await except(liveName, shadowName);
          const onlyShadow = equal ? { n: 0, examples: [] } : await except(shadowName, liveName);
          tables.push({
            name: logical,
            liveRows: l.rows,
            shadowRows: s.rows,
            liveChecksum: l.checksum,
            shadowChecksum: s.checksum,
            onlyInLive: onlyLive.n,
            onlyInShadow: onlyShadow.n,
            samples: [
              ...onlyLive.examples.map((row) => `live only:   ${row}`),
              ...onlyShadow.examples.map((row) => `shadow only: ${row}`),
            ],
          });
        }
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      return {
        equal: tables.every((t) => t.onlyInLive === 0 && t.onlyInShadow === 0),
        tables,
      } satisfies Comparison;
    },

    async promote(client, current, next) {
      const from = tablesOf(current.target);
      const to = tablesOf(next.target);
      const all = [...Object.values(from), ...Object.values(to)];
      await client.query(`LOCK TABLE ${all.join(', ')} IN ACCESS EXCLUSIVE MODE`);
      const demoted = copyOf(current.generation);
      for (const [logical, name] of Object.entries(from))
        await renameTable(client, name, tablesOf(demoted)[logical]!);
      for (const [logical, name] of Object.entries(to))
        await renameTable(client, name, projection.tables[logical]!);
      return { demoted, promoted: live };
    },

    async drop(target) {
      await pool.query(`DROP TABLE IF EXISTS ${Object.values(tablesOf(target)).join(', ')}`);
    },
  };
};
