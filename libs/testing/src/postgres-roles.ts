import { Pool } from 'pg';
import { servers } from './servers';

/**
 * A pool connected as one of the platform's least-privileged roles (`ledgerline_accounts`…,
 * docs/adr/0028-least-privilege-in-the-stores.md), with the test connection's password (the
 * local stack gives every role the same one). `deploy/local/stack.sh up` creates the roles; a
 * server the tests may create roles on (a container) gets them here.
 */
export const poolAsRole = async (role: string, max = 4): Promise<Pool> => {
  const { postgresUrl } = await servers();
  const admin = new Pool({ connectionString: postgresUrl, max: 1 });
  try {
    const { rows } = await admin.query<{ exists: boolean; may: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists,
              (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) AS may`,
      [role],
    );
    if (!rows[0]?.exists) {
      if (!rows[0]?.may)
        throw new Error(`no PostgreSQL role ${role}: deploy/local/stack.sh up creates it`);
      const password = decodeURIComponent(new URL(postgresUrl).password);
      await admin.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password.replaceAll("'", "''")}'`);
    }
  } finally {
    await admin.end();
  }
  const url = new URL(postgresUrl);
  url.username = role;
  return new Pool({ connectionString: url.toString(), max });
};
