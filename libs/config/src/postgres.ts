import { bool, int, str } from './settings';

/**
 * The platform's PostgreSQL connection budget: the default pool size (PG_POOL_SIZE) of each kind
 * of process. Every connection a process opens, including the relay's dedicated ones (the leader
 * lock and the LISTEN connection, held while it leads), comes from its one pool, so the pool size
 * is the process's ceiling. The README's "Connection budget" table states the same numbers.
 */
export const DEFAULT_POOL_SIZES = {
  /** accounts, payments, orders: commands plus the relay (2 of them held while it leads). */
  commandService: 8,
  /** accounts-query, payments-query, orders-query: queries plus one batch per projector. */
  queryService: 6,
  /** checkout: the saga's step transactions, its poller and the admin service. */
  checkout: 8,
  /** `platform` CLI: a rebuild's reader, writer, lock and verification. */
  platformCli: 6,
} as const;

/** What one platform (deploy/platform.json) needs from the server with the default sizes. */
export const platformConnectionBudget = (): readonly { process: string; poolSize: number }[] => [
  ...['accounts', 'payments', 'orders'].map((process) => ({
    process,
    poolSize: DEFAULT_POOL_SIZES.commandService,
  })),
  ...['accounts-query', 'payments-query', 'orders-query'].map((process) => ({
    process,
    poolSize: DEFAULT_POOL_SIZES.queryService,
  })),
  { process: 'checkout', poolSize: DEFAULT_POOL_SIZES.checkout },
  { process: 'platform-cli', poolSize: DEFAULT_POOL_SIZES.platformCli },
];

/**
 * The pool settings every process shares; `poolSize` is its default PG_POOL_SIZE and
 * `statementTimeoutMs` its default statement timeout (0 = none, for operators' long statements).
 */
export const postgresPoolSettings = (defaults: {
  poolSize: number;
  statementTimeoutMs?: number;
}) => ({
  PG_POOL_SIZE: int({
    description: 'most PostgreSQL connections this process opens (README: Connection budget)',
    default: defaults.poolSize,
    min: 2,
    max: 500,
  }),
  PG_IDLE_TIMEOUT_MS: int({
    description: 'an idle pooled connection is closed after this long',
    default: 10_000,
    min: 100,
    max: 3_600_000,
  }),
  PG_CONNECT_TIMEOUT_MS: int({
    description: 'longest wait for a pooled connection (a free one or a new one), then UNAVAILABLE',
    default: 5_000,
    min: 100,
    max: 600_000,
  }),
  PG_STATEMENT_TIMEOUT_MS: int({
    description: 'PostgreSQL statement_timeout of every connection; 0 for none',
    default: defaults.statementTimeoutMs ?? 30_000,
    min: 0,
    max: 86_400_000,
  }),
  PG_POOL_STRICT: bool({
    description: 'refuse to start when the pool does not fit the connections the server has free',
    default: false,
  }),
  PG_APPLICATION_NAME: str({
    description: 'application_name in pg_stat_activity; empty for the service name',
    default: '',
  }),
});

export type PostgresPoolConfig = {
  readonly POSTGRES_URL: string;
  readonly PG_POOL_SIZE: number;
  readonly PG_IDLE_TIMEOUT_MS: number;
  readonly PG_CONNECT_TIMEOUT_MS: number;
  readonly PG_STATEMENT_TIMEOUT_MS: number;
  readonly PG_POOL_STRICT: boolean;
  readonly PG_APPLICATION_NAME: string;
};
