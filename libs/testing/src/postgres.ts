import { Pool } from 'pg';
import { servers } from './servers';
import { uniqueName } from './unique';

/**
 * A pool whose connections use a fresh schema of their own, so a test file's tables never
 * collide with another's. `drop()` removes the schema and closes the pool.
 */
export const isolatedPostgres = async (
  prefix = 'test',
): Promise<{ pool: Pool; schema: string; drop(): Promise<void> }> => {
  const { postgresUrl } = await servers();
  const schema = uniqueName(prefix);
  const admin = new Pool({ connectionString: postgresUrl, max: 1 });
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const pool = new Pool({
    connectionString: postgresUrl,
    max: 40,
    options: `-c search_path="${schema}"`,
  });
  return {
    pool,
    schema,
    async drop() {
      await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
      await pool.end();
    },
  };
};
