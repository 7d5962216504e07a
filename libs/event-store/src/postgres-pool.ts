import { type PostgresPoolConfig } from '@ledgerline/config';
import { Pool } from 'pg';
import {
  assessConnectionBudget,
  describeConnectionBudget,
  readConnectionBudget,
} from './connection-budget';
import { registerPoolMetrics } from './pool-metrics';

interface PoolLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** A pool that does not fit the server's free connections, with PG_POOL_STRICT=true. */
export class ConnectionBudgetExceeded extends Error {
  override readonly name = 'ConnectionBudgetExceeded';
}

/**
 * The one way a Ledgerline process opens PostgreSQL: a pool bounded by PG_POOL_SIZE (every
 * connection the process holds, dedicated ones included, comes from it), idle connections
 * closed after PG_IDLE_TIMEOUT_MS, a bounded wait for a connection, a server-side
 * statement_timeout, and the service's application_name so pg_stat_activity shows who holds
 * what. It then checks the pool against the server's free connections: a warning, or with
 * PG_POOL_STRICT=true a refusal to start.
 */
export const openPostgresPool = async (
  config: PostgresPoolConfig,
  { applicationName, logger }: { applicationName: string; logger: PoolLogger },
): Promise<Pool> => {
  const pool = createPostgresPool(config, applicationName);
  pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL connection failed'));
  try {
    const input = await readConnectionBudget(pool, config.PG_POOL_SIZE);
    const assessment = assessConnectionBudget(input);
    if (!assessment.fits) {
      const message = describeConnectionBudget(input, assessment);
      if (config.PG_POOL_STRICT) throw new ConnectionBudgetExceeded(message);
      logger.warn({ ...input, ...assessment }, message);
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  registerPoolMetrics(pool, config.PG_APPLICATION_NAME || applicationName, config.PG_POOL_SIZE);
  return pool;
};

/** The pool alone, without the budget check (for tools that open one for a moment). */
export const createPostgresPool = (config: PostgresPoolConfig, applicationName: string): Pool =>
  new Pool({
    connectionString: config.POSTGRES_URL,
    max: config.PG_POOL_SIZE,
    idleTimeoutMillis: config.PG_IDLE_TIMEOUT_MS,
    connectionTimeoutMillis: config.PG_CONNECT_TIMEOUT_MS,
    application_name: config.PG_APPLICATION_NAME || applicationName,
    ...(config.PG_STATEMENT_TIMEOUT_MS > 0 && {
      statement_timeout: config.PG_STATEMENT_TIMEOUT_MS,
    }),
  });

export interface PostgresWatch {
  /** Resolves after the first probe has reported. */
  readonly first: Promise<void>;
  stop(): void;
}

/**
 * Probes PostgreSQL through the pool (`SELECT 1`, bounded by `timeoutMs`) every `intervalMs` and
 * reports each result: readiness follows it. A probe waits in the pool's queue like any query,
 * so a pool saturated for longer than the timeout also reads as not ready.
 */
export const watchPostgres = (
  pool: Pool,
  report: { set(met: boolean, reason?: string): void },
  { intervalMs = 1_000, timeoutMs = 2_000 }: { intervalMs?: number; timeoutMs?: number } = {},
): PostgresWatch => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const probe = async (): Promise<void> => {
    let deadline: NodeJS.Timeout | undefined;
    const query = pool.query('SELECT 1');
    const timedOut = new Promise<never>((_, reject) => {
      deadline = setTimeout(
        () => reject(new Error(`no answer to SELECT 1 within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([query, timedOut]);
      if (!stopped) report.set(true);
    } catch (error) {
      if (!stopped) report.set(false, `PostgreSQL: ${(error as Error).message}`);
      // A probe still queued is left to finish; the next one waits for it.
      await query.catch(() => undefined);
    } finally {
      clearTimeout(deadline);
    }
  };
  const loop = async (): Promise<void> => {
    await probe();
    if (!stopped) timer = setTimeout(() => void loop(), intervalMs).unref();
  };
  const first = probe().then(() => {
    if (!stopped) timer = setTimeout(() => void loop(), intervalMs).unref();
  });
  return {
    first,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
};
