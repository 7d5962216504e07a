import { type Pool } from 'pg';
import { type SagaInput } from './saga';
import { type Settles } from './store';
import { type SagaTables } from './tables';

export interface ParkedInput {
  readonly sagaId: string;
  readonly inputId: string;
  readonly type: string;
  readonly input: unknown;
  readonly starts: boolean;
  /** A command outcome settles its command, a deadline consumes its row, once handled. */
  readonly settles: Settles | null;
  readonly deadlineDueAt: Date | null;
  readonly error: string;
  readonly attempts: number;
  readonly parkedAt: string;
}

/**
 * Keeps an input the saga's code could not handle; parking it again counts an attempt. What
 * fired the input is put to rest meanwhile, or it would fire again and again: a command's
 * outcome settles the command (it is known; only the reaction to it waits), a deadline's row is
 * consumed.
 */
export const parkInput = async (
  pool: Pool,
  tables: SagaTables,
  parked: {
    sagaId: string;
    inputId: string;
    type: string;
    input: SagaInput<unknown> | { readonly kind: 'unrouted'; readonly message: unknown };
    starts: boolean;
    settles?: Settles | undefined;
    deadlineDueAt?: Date | undefined;
    error: string;
  },
): Promise<void> => {
  await pool.query(
    `INSERT INTO ${tables.parked}
       (saga_id, input_id, saga_type, input, starts, error, settles, deadline_due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (saga_id, input_id) DO UPDATE
       SET error = excluded.error, attempts = ${tables.parked}.attempts + 1, parked_at = now()`,
    [
      parked.sagaId,
      parked.inputId,
      parked.type,
      JSON.stringify(parked.input),
      parked.starts,
      parked.error,
      parked.settles ? JSON.stringify(parked.settles) : null,
      parked.deadlineDueAt ?? null,
    ],
  );
  if (parked.settles)
    await pool.query(
      `UPDATE ${tables.commands} SET status = $3, updated_at = now()
        WHERE saga_id = $1 AND step = $2 AND status = 'pending'`,
      [parked.sagaId, parked.settles.step, parked.settles.status],
    );
  if (parked.deadlineDueAt)
    await pool.query(`DELETE FROM ${tables.deadlines} WHERE saga_id = $1 AND due_at = $2`, [
      parked.sagaId,
      parked.deadlineDueAt,
    ]);
};

export const listParkedInputs = async (
  pool: Pool,
  tables: SagaTables,
  type?: string,
): Promise<ParkedInput[]> => {
  const { rows } = await pool.query<{
    saga_id: string;
    input_id: string;
    saga_type: string;
    input: unknown;
    starts: boolean;
    settles: Settles | null;
    deadline_due_at: Date | null;
    error: string;
    attempts: number;
    parked_at: Date;
  }>(
    `SELECT saga_id, input_id, saga_type, input, starts, settles, deadline_due_at, error,
            attempts, parked_at
       FROM ${tables.parked} WHERE $1::text IS NULL OR saga_type = $1
      ORDER BY parked_at, saga_id, input_id`,
    [type ?? null],
  );
  return rows.map((row) => ({
    sagaId: row.saga_id,
    inputId: row.input_id,
    type: row.saga_type,
    input: row.input,
    starts: row.starts,
    settles: row.settles,
    deadlineDueAt: row.deadline_due_at,
    error: row.error,
    attempts: row.attempts,
    parkedAt: row.parked_at.toISOString(),
  }));
};

export const unparkInput = async (
  pool: Pool,
  tables: SagaTables,
  sagaId: string,
  inputId: string,
): Promise<void> => {
  await pool.query(`DELETE FROM ${tables.parked} WHERE saga_id = $1 AND input_id = $2`, [
    sagaId,
    inputId,
  ]);
};

export const countParkedInputs = async (pool: Pool, tables: SagaTables): Promise<number> => {
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${tables.parked}`);
  return Number(rows[0]?.n ?? 0);
};
