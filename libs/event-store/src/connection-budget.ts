import { type Pool } from 'pg';

/** What the server reports about its connection slots, and what this process asks for. */
export interface ConnectionBudgetInputs {
  readonly maxConnections: number;
  /** Slots only superusers may take (superuser_reserved_connections, plus reserved_connections on 16+). */
  readonly reservedConnections: number;
  readonly superuser: boolean;
  /** Client connections open now that are not this pool's. */
  readonly inUseByOthers: number;
  readonly poolSize: number;
}

export interface ConnectionBudgetAssessment {
  /** Slots this role may use at all. */
  readonly usable: number;
  /** Of those, how many are free for this pool now. */
  readonly free: number;
  readonly fits: boolean;
}

/** Whether a pool of `poolSize` can open all its connections next to what is already open. */
export const assessConnectionBudget = (
  input: ConnectionBudgetInputs,
): ConnectionBudgetAssessment => {
  const usable = input.maxConnections - (input.superuser ? 0 : input.reservedConnections);
  const free = Math.max(0, usable - input.inUseByOthers);
  return { usable, free, fits: input.poolSize <= free };
};

export const describeConnectionBudget = (
  input: ConnectionBudgetInputs,
  { usable, free }: ConnectionBudgetAssessment,
): string =>
  `PG_POOL_SIZE=${input.poolSize} does not fit PostgreSQL's free connections: ` +
  `max_connections ${input.maxConnections}` +
  (input.superuser ? '' : ` - ${input.reservedConnections} reserved for superusers`) +
  ` = ${usable} usable, ${input.inUseByOthers} in use by others, ${free} free`;

/**
 * Reads the server's limits and current use (through one of the pool's connections, which the
 * count then excludes along with the pool's others).
 */
export const readConnectionBudget = async (pool: Pool, poolSize: number) => {
  const { rows } = await pool.query<{
    max_connections: string;
    reserved: string;
    superuser: boolean;
    others: string;
  }>(
    `SELECT current_setting('max_connections') AS max_connections,
            current_setting('superuser_reserved_connections')::int
              + coalesce(current_setting('reserved_connections', true)::int, 0) AS reserved,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            (SELECT count(*) FROM pg_stat_activity
              WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()) AS others`,
  );
  const row = rows[0]!;
  // The pool's other open connections are ours, not others'.
  const own = Math.max(0, pool.totalCount - 1);
  return {
    maxConnections: Number(row.max_connections),
    reservedConnections: Number(row.reserved),
    superuser: row.superuser,
    inUseByOthers: Math.max(0, Number(row.others) - own),
    poolSize,
  } satisfies ConnectionBudgetInputs;
};
