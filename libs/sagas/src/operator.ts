import { type Pool } from 'pg';
import { countParkedInputs, listParkedInputs, type ParkedInput } from './parking';
import { isSagaStatus, type SagaStatus } from './saga';
import { sagaTables } from './tables';

export interface SagaSummary {
  readonly sagaId: string;
  readonly type: string;
  readonly status: SagaStatus;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface SagaHistoryEntry {
  readonly version: number;
  readonly inputId: string;
  readonly input: unknown;
  readonly status: string;
  readonly commands: unknown;
  readonly recordedAt: string;
}

export interface SagaCommandRecord {
  readonly step: string;
  readonly generation: number;
  readonly status: 'pending' | 'done' | 'rejected' | 'failed' | 'superseded';
  readonly compensation: boolean;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly idempotencyKey: string;
  readonly command: unknown;
  readonly nextAttemptAt: string;
}

export interface SagaDetails extends SagaSummary {
  readonly state: unknown;
  readonly history: readonly SagaHistoryEntry[];
  readonly commands: readonly SagaCommandRecord[];
  readonly deadline: { readonly name: string; readonly dueAt: string } | null;
}

export interface SagaRetryResult {
  readonly sagaId: string;
  /** Steps put back in the outbox to be sent now. */
  readonly steps: readonly string[];
  readonly status: SagaStatus;
}

export class SagaNotFound extends Error {
  override readonly name = 'SagaNotFound';
  constructor(readonly sagaId: string) {
    super(`no saga ${sagaId}`);
  }
}

export interface SagaOperator {
  /** Newest first; `status` narrows to one state (e.g. `compensation_failed`). */
  list(options?: { status?: SagaStatus; type?: string; limit?: number }): Promise<SagaSummary[]>;
  /** One saga: state, its history (every handled input, in order), commands and deadline. */
  show(sagaId: string): Promise<SagaDetails>;
  /**
   * Re-sends the saga's stuck steps now: failed or rejected compensations get a new generation
   * (so their outcome is a new input), retrying ones lose their backoff. A `compensation_failed`
   * saga goes back to `compensating`; its next outcome decides again.
   */
  retry(sagaId: string): Promise<SagaRetryResult>;
  /** Sagas per status, for the alert gauge. */
  countByStatus(): Promise<Record<SagaStatus, number>>;
  /**
   * Inputs the saga's code threw on (`route` or `react`), oldest first. A runtime handles them
   * again when it starts, so deploying a fixed release is how they are retried.
   */
  listParked(type?: string): Promise<ParkedInput[]>;
  countParked(): Promise<number>;
}

const iso = (value: Date) => value.toISOString();

interface InstanceRow {
  saga_id: string;
  saga_type: string;
  status: string;
  version: number;
  state: unknown;
  created_at: Date;
  updated_at: Date;
}

const summary = (row: InstanceRow): SagaSummary => ({
  sagaId: row.saga_id,
  type: row.saga_type,
  status: isSagaStatus(row.status) ? row.status : 'running',
  version: row.version,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

/** The operator surface of a saga schema (the admin RPC and the CLI call these). */
export const sagaOperator = ({ pool, schema }: { pool: Pool; schema: string }): SagaOperator => {
  const t = sagaTables(schema);
  return {
    async list({ status, type, limit = 100 } = {}) {
      const { rows } = await pool.query<InstanceRow>(
        `SELECT saga_id, saga_type, status, version, state, created_at, updated_at
         FROM ${t.instances}
         WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR saga_type = $2)
         ORDER BY updated_at DESC LIMIT $3`,
        [status ?? null, type ?? null, Math.max(1, Math.min(limit, 10_000))],
      );
      return rows.map(summary);
    },

    async show(sagaId) {
      const found = await pool.query<InstanceRow>(
        `SELECT saga_id, saga_type, status, version, state, created_at, updated_at
         FROM ${t.instances} WHERE saga_id = $1`,
        [sagaId],
      );
      const row = found.rows[0];
      if (!row) throw new SagaNotFound(sagaId);
      const [history, commands, deadline] = await Promise.all([
        pool.query<{
          version: number;
          input_id: string;
          input: unknown;
          status: string;
          commands: unknown;
          recorded_at: Date;
        }>(
          `SELECT version, input_id, input, status, commands, recorded_at FROM ${t.history}
           WHERE saga_id = $1 ORDER BY version`,
          [sagaId],
        ),
        pool.query<{
          step: string;
          generation: number;
          status: SagaCommandRecord['status'];
          compensation: boolean;
          attempts: number;
          last_error: string | null;
          idempotency_key: string;
          command: unknown;
          next_attempt_at: Date;
        }>(
          `SELECT step, generation, status, compensation, attempts, last_error, idempotency_key,
                  command, next_attempt_at
           FROM ${t.commands} WHERE saga_id = $1 ORDER BY created_at, step`,
          [sagaId],
        ),
        pool.query<{ name: string; due_at: Date }>(
          `SELECT name, due_at FROM ${t.deadlines} WHERE saga_id = $1`,
          [sagaId],
        ),
      ]);
      const due = deadline.rows[0];
      return {
        ...summary(row),
        state: row.state,
        history: history.rows.map((h) => ({
          version: h.version,
          inputId: h.input_id,
          input: h.input,
          status: h.status,
          commands: h.commands,
          recordedAt: iso(h.recorded_at),
        })),
        commands: commands.rows.map((c) => ({
          step: c.step,
          generation: c.generation,
          status: c.status,
          compensation: c.compensation,
          attempts: c.attempts,
          lastError: c.last_error,
          idempotencyKey: c.idempotency_key,
          command: c.command,
          nextAttemptAt: iso(c.next_attempt_at),
        })),
        deadline: due ? { name: due.name, dueAt: iso(due.due_at) } : null,
      };
    },

    async retry(sagaId) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const found = await client.query<{ status: string; version: number }>(
          `SELECT status, version FROM ${t.instances} WHERE saga_id = $1 FOR UPDATE`,
          [sagaId],
        );
        const row = found.rows[0];
        if (!row) throw new SagaNotFound(sagaId);
        const retried = await client.query<{ step: string }>(
          `UPDATE ${t.commands}
           SET generation = generation + CASE WHEN status = 'pending' THEN 0 ELSE 1 END,
               status = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now()
           WHERE saga_id = $1
             AND (status IN ('pending', 'failed') OR (status = 'rejected' AND compensation))
           RETURNING step`,
          [sagaId],
        );
        const steps = retried.rows.map((r) => r.step).sort();
        const status: SagaStatus =
          row.status === 'compensation_failed' && steps.length > 0
            ? 'compensating'
            : isSagaStatus(row.status)
              ? row.status
              : 'running';
        const version = row.version + 1;
        await client.query(
          `UPDATE ${t.instances} SET status = $2, version = $3, updated_at = now() WHERE saga_id = $1`,
          [sagaId, status, version],
        );
        await client.query(
          `INSERT INTO ${t.history} (saga_id, input_id, version, input, status, commands)
           VALUES ($1, $2, $3, $4, $5, '[]')`,
          [
            sagaId,
            `operator-retry:${version}`,
            version,
            JSON.stringify({ kind: 'operator-retry', steps }),
            status,
          ],
        );
        await client.query('COMMIT');
        return { sagaId, steps, status };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },

    listParked: (type) => listParkedInputs(pool, t, type),
    countParked: () => countParkedInputs(pool, t),

    async countByStatus() {
      const { rows } = await pool.query<{ status: string; n: string }>(
        `SELECT status, count(*) AS n FROM ${t.instances} GROUP BY status`,
      );
      const counts: Record<SagaStatus, number> = {
        running: 0,
        compensating: 0,
        completed: 0,
        compensated: 0,
        compensation_failed: 0,
      };
      for (const r of rows) if (isSagaStatus(r.status)) counts[r.status] = Number(r.n);
      return counts;
    },
  };
};
