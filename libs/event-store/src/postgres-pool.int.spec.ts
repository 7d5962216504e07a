import { loadConfig, postgresPoolSettings } from '@ledgerline/config';
import { eventually, servers, uniqueName } from '@ledgerline/testing';
import { Pool } from 'pg';
import { migrate, MIGRATIONS } from './migrations';
import { ConnectionBudgetExceeded, openPostgresPool } from './postgres-pool';

const settings = async (env: Record<string, string>) => ({
  POSTGRES_URL: (await servers()).postgresUrl,
  ...loadConfig(postgresPoolSettings({ poolSize: 4 }), env),
});

const recordingLogger = () => {
  const warnings: string[] = [];
  return {
    warnings,
    info: () => undefined,
    warn: (_: object, msg?: string) => warnings.push(msg ?? ''),
  };
};

describe('openPostgresPool', () => {
  it('names its connections, bounds their statements and closes them when idle', async () => {
    const applicationName = uniqueName('pool-test');
    const pool = await openPostgresPool(
      await settings({ PG_STATEMENT_TIMEOUT_MS: '250', PG_IDLE_TIMEOUT_MS: '200' }),
      { applicationName, logger: recordingLogger() },
    );
    try {
      const { rows } = await pool.query<{ name: string; timeout: string }>(
        `SELECT current_setting('application_name') AS name,
                current_setting('statement_timeout') AS timeout`,
      );
      expect(rows[0]).toEqual({ name: applicationName, timeout: '250ms' });
      await expect(pool.query('SELECT pg_sleep(2)')).rejects.toMatchObject({ code: '57014' });

      await eventually(() => expect(pool.totalCount).toBe(0), { timeoutMs: 5_000 });
    } finally {
      await pool.end();
    }
  });

  it('warns when the pool cannot fit the free connections, and refuses with PG_POOL_STRICT', async () => {
    const oversized = { PG_POOL_SIZE: '500' };
    const logger = recordingLogger();

    const pool = await openPostgresPool(await settings(oversized), {
      applicationName: 'x',
      logger,
    });
    await pool.end();

    expect(logger.warnings).toEqual([
      expect.stringMatching(
        /^PG_POOL_SIZE=500 does not fit PostgreSQL's free connections: max_connections \d+/,
      ),
    ]);
    await expect(
      openPostgresPool(await settings({ ...oversized, PG_POOL_STRICT: 'true' }), {
        applicationName: 'x',
        logger,
      }),
    ).rejects.toBeInstanceOf(ConnectionBudgetExceeded);
  });

  it('lets a migration run past the statement timeout (it waits here for another migration)', async () => {
    const schema = uniqueName('pool_migrate');
    const pool = await openPostgresPool(await settings({ PG_STATEMENT_TIMEOUT_MS: '100' }), {
      applicationName: 'pool-test',
      logger: recordingLogger(),
    });
    const other = new Pool({ connectionString: (await servers()).postgresUrl, max: 1 });
    const holder = await other.connect();
    try {
      // Another process migrating the same schema holds the lock for longer than the timeout.
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `ledgerline.event-store.migrate/${schema}`,
      ]);
      const migrating = migrate(pool, { schema });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await holder.query('COMMIT');

      await expect(migrating).resolves.toMatchObject({
        applied: MIGRATIONS.map((m) => m.version),
      });
    } finally {
      holder.release();
      await other.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await other.end();
      await pool.end();
    }
  });
});
