import { type Pool, type PoolClient } from 'pg';

/**
 * Whether the connected role may create objects in `schema`, or create the schema when it does
 * not exist yet. The owner role (and a test's own connection) may; a service's login role may
 * not (ADR 0028): its start-up finds the tables the owner's `platform db migrate` made and
 * leaves the schema alone.
 */
export const maySetUpSchema = async (db: Pool | PoolClient, schema: string): Promise<boolean> => {
  const { rows } = await db.query<{ may: boolean }>(
    `SELECT coalesce(
       (SELECT has_schema_privilege(oid, 'CREATE') FROM pg_namespace WHERE nspname = $1),
       has_database_privilege(current_database(), 'CREATE')) AS may`,
    [schema],
  );
  return rows[0]?.may === true;
};
