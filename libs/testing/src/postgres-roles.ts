import { Pool } from 'pg';
import { servers } from './servers';

/**
 * The URL of one of the platform's least-privileged roles (`ledgerline_accounts`…,
 * docs/adr/0028-least-privilege-in-the-stores.md): the test connection's, with the role's name
 * (the local stack gives every role the same password). `deploy/local/stack.sh up` creates the
 * roles; a server the tests may create roles on (a container) gets them here.
 */
export const postgresUrlAsRole = async (role: string): Promise<string> => {
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
      await admin
        .query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password.replaceAll("'", "''")}'`)
        // 42710: another test file created it meanwhile.
        .catch((error: { code?: string }) => {
          if (error.code !== '42710') throw error;
        });
    }
  } finally {
    await admin.end();
  }
  const url = new URL(postgresUrl);
  url.username = role;
  return url.toString();
};

/** A pool connected as `role` (see postgresUrlAsRole). */
export const poolAsRole = async (role: string, max = 4): Promise<Pool> =>
  new Pool({ connectionString: await postgresUrlAsRole(role), max });
