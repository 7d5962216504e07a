import { type Pool, type PoolClient } from 'pg';
import { type SagaCommand } from './saga';
import { type OutboxCommand } from './store';
import { type SagaTables } from './tables';

// The command outbox's SQL besides the write of new commands (store.ts): claiming due commands,
// scheduling a retry, checking what is still pending, giving up on a compensation.

interface DueCommandRow {
  saga_id: string;
  step: string;
  generation: number;
  command: SagaCommand;
  idempotency_key: string;
  compensation: boolean;
  attempts: number;
}

/** A process's hold on commands it sends: who (`owner`) and for how long (`claimMs`). */
export interface SendFence {
  readonly owner: string;
  readonly claimMs: number;
}

/**
 * Due commands (retries whose backoff passed, commands a dead process left unsent), claimed for
 * `claimMs` so replicas polling at the same time take different rows, and fenced as long: no other
 * replica supersedes one while this process may be sending it. A command another live replica
 * still holds is left to it.
 */
export const claimDueCommands = async (
  pool: Pool,
  t: SagaTables,
  fence: SendFence,
): Promise<OutboxCommand[]> => {
  const now = Date.now();
  const heldUntil = now + fence.claimMs;
  const { rows } = await pool.query<DueCommandRow>(
    `UPDATE ${t.commands} c SET next_attempt_at = now() + $1 * interval '1 millisecond',
       in_flight_until = $2, in_flight_by = $3
     FROM (SELECT saga_id, step FROM ${t.commands}
           WHERE status = 'pending' AND next_attempt_at <= now()
             AND (in_flight_until IS NULL OR in_flight_until <= $4 OR in_flight_by = $3)
           ORDER BY next_attempt_at LIMIT 500 FOR UPDATE SKIP LOCKED) due
     WHERE c.saga_id = due.saga_id AND c.step = due.step
     RETURNING c.saga_id, c.step, c.generation, c.command, c.idempotency_key, c.compensation, c.attempts`,
    [fence.claimMs, new Date(heldUntil), fence.owner, new Date(now)],
  );
  return rows.map((row) => ({
    sagaId: row.saga_id,
    step: row.step,
    generation: row.generation,
    command: row.command,
    idempotencyKey: row.idempotency_key,
    compensation: row.compensation,
    attempts: row.attempts,
    heldUntil,
  }));
};

/**
 * Renews this process's fence on a command it is about to send (it waited for its turn longer
 * than half the fence): the new end, or undefined when the command was superseded, settled or
 * taken over by another replica meanwhile, and must not be sent.
 */
export const renewFence = async (
  pool: Pool,
  t: SagaTables,
  command: OutboxCommand,
  fence: SendFence,
): Promise<number | undefined> => {
  const now = Date.now();
  const heldUntil = now + fence.claimMs;
  const { rowCount } = await pool.query(
    `UPDATE ${t.commands} SET in_flight_until = $3, in_flight_by = $4,
       next_attempt_at = GREATEST(next_attempt_at, $3)
     WHERE saga_id = $1 AND step = $2 AND status = 'pending'
       AND (in_flight_by = $4 OR in_flight_until IS NULL OR in_flight_until <= $5)`,
    [command.sagaId, command.step, new Date(heldUntil), fence.owner, new Date(now)],
  );
  return rowCount === 1 ? heldUntil : undefined;
};

/** The given steps of a saga that are still pending (not settled or superseded meanwhile). */
export const pendingSteps = async (
  pool: Pool,
  t: SagaTables,
  sagaId: string,
  steps: readonly string[],
): Promise<Set<string>> => {
  const { rows } = await pool.query<{ step: string }>(
    `SELECT step FROM ${t.commands} WHERE saga_id = $1 AND step = ANY($2) AND status = 'pending'`,
    [sagaId, steps],
  );
  return new Set(rows.map((r) => r.step));
};

/** After a transient failure: the attempt is counted and the next one waits `delayMs`. */
export const scheduleRetry = (
  pool: Pool,
  t: SagaTables,
  command: OutboxCommand,
  attempts: number,
  error: string,
  delayMs: number,
) =>
  pool.query(
    `UPDATE ${t.commands}
     SET attempts = $3, last_error = $4, next_attempt_at = now() + $5 * interval '1 millisecond',
         in_flight_until = NULL, updated_at = now()
     WHERE saga_id = $1 AND step = $2 AND status = 'pending'`,
    [command.sagaId, command.step, attempts, error, delayMs],
  );

/**
 * A compensation out of attempts: the command is `failed` and the saga `compensation_failed`,
 * with an `exhausted:<step>:<generation>` entry in its history (one transaction, saga row locked).
 */
export const markCompensationFailed = async (
  client: PoolClient,
  t: SagaTables,
  command: OutboxCommand,
  attempts: number,
  lastError: string,
): Promise<void> => {
  await client.query(`SELECT 1 FROM ${t.instances} WHERE saga_id = $1 FOR UPDATE`, [
    command.sagaId,
  ]);
  await client.query(
    `UPDATE ${t.commands} SET status = 'failed', attempts = $3, last_error = $4,
       in_flight_until = NULL, updated_at = now()
     WHERE saga_id = $1 AND step = $2 AND status = 'pending'`,
    [command.sagaId, command.step, attempts, lastError],
  );
  const { rows } = await client.query<{ version: number }>(
    `UPDATE ${t.instances} SET status = 'compensation_failed', version = version + 1, updated_at = now()
     WHERE saga_id = $1 RETURNING version`,
    [command.sagaId],
  );
  await client.query(
    `INSERT INTO ${t.history} (saga_id, input_id, version, input, status, commands)
     VALUES ($1, $2, $3, $4, 'compensation_failed', '[]') ON CONFLICT DO NOTHING`,
    [
      command.sagaId,
      `exhausted:${command.step}:${command.generation}`,
      rows[0]?.version ?? 0,
      JSON.stringify({ kind: 'exhausted', step: command.step, attempts, lastError }),
    ],
  );
};

/** Deadlines whose time has come (each fired once: the write that handles it deletes it). */
export const dueDeadlines = async (pool: Pool, t: SagaTables) =>
  (
    await pool.query<{ saga_id: string; name: string; due_at: Date }>(
      `SELECT saga_id, name, due_at FROM ${t.deadlines} WHERE due_at <= now() ORDER BY due_at LIMIT 500`,
    )
  ).rows;
