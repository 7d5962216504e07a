import { type Pool, type PoolClient } from 'pg';
import { ReplayError } from './errors';

// Two-key advisory locks: this class id keeps replay's locks apart from every other user's.
const LOCK_CLASS = 7_015;

export interface RebuildLock {
  release(): Promise<void>;
}

/**
 * One rebuild (or rollback, or drop) of a projection at a time: a session-level advisory lock on a
 * connection held for the whole run, released by PostgreSQL if the process dies.
 */
export const acquireRebuildLock = async (pool: Pool, projection: string): Promise<RebuildLock> => {
  const client: PoolClient = await pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked`,
      [LOCK_CLASS, projection],
    );
    if (!rows[0]?.locked) {
      const holder = await client.query<{ pid: number; since: Date | null; app: string }>(
        `SELECT a.pid, a.backend_start AS since, a.application_name AS app
           FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.classid = $1::int::oid
            AND l.objid = (hashtext($2)::bigint & 4294967295)::oid AND l.granted`,
        [LOCK_CLASS, projection],
      );
      const who = holder.rows[0];
      throw new ReplayError(
        'locked',
        `another rebuild of ${projection} is running` +
          (who ? ` (PostgreSQL backend ${who.pid}, connected ${who.since?.toISOString()})` : '') +
          '; wait for it or stop it first',
      );
    }
  } catch (error) {
    client.release();
    throw error;
  }
  return {
    async release() {
      await client
        .query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [LOCK_CLASS, projection])
        .catch(() => undefined);
      client.release();
    },
  };
};
