import { createHash } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import { type SagaStatus } from './saga';
import { type CachedSaga } from './state-cache';
import { type OutboxCommand, type Settles } from './store';
import { type SagaTables } from './tables';

// The write of one handled input: everything it changes in one conditional statement, and the
// send fence that a superseding write respects.
/**
 * A named (prepared once per connection) statement: the writes come in a few dozen shapes, and
 * parsing and planning a CTE of six parts on every input costs PostgreSQL more than running it.
 */
export const prepared = (text: string, values: unknown[]) => ({
  name: statementName(text),
  text,
  values,
});

// The name of each statement text seen, so its hash is taken once, not on every input.
const statementNames = new Map<string, string>();
const statementName = (text: string): string => {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `saga_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
};

export type DeadlineChange =
  | { readonly op: 'keep' }
  | { readonly op: 'clear' }
  | { readonly op: 'consume'; readonly dueAt: Date }
  | { readonly op: 'set'; readonly name: string; readonly dueAt: Date };

/** One handled input as its history records it: the saga's version and status after it. */
export interface HistoryEntry {
  readonly inputId: string;
  readonly input: unknown;
  readonly version: number;
  readonly status: SagaStatus;
  readonly commands: readonly unknown[];
}

export interface Write {
  readonly sagaId: string;
  readonly sagaType: string;
  /** In order; the last entry's version and status are the saga's next ones. */
  readonly history: readonly HistoryEntry[];
  readonly previous: CachedSaga | undefined;
  readonly next: { readonly state: unknown; readonly status: SagaStatus; readonly version: number };
  readonly commands: readonly OutboxCommand[];
  readonly claimUntil: Date;
  readonly owner: string;
  readonly settles: readonly Settles[];
  readonly supersede: readonly string[];
  readonly deadline: DeadlineChange;
}

/**
 * Everything its inputs change, as one statement (so one atomic round trip): the saga's row,
 * guarded by its version (or created), a history entry per input, the settled and superseded
 * commands, the new commands and the deadline. Every part but the first runs only if the row was
 * written.
 */
export const writeReaction = async (
  pool: Pool | PoolClient,
  t: SagaTables,
  w: Write,
): Promise<'written' | 'conflict'> => {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const id = p(w.sagaId);
  const written = `EXISTS (SELECT 1 FROM saga)`;
  const parts: string[] = [];
  parts.push(
    w.previous
      ? `saga AS (UPDATE ${t.instances} SET state = ${p(JSON.stringify(w.next.state))}, status = ${p(w.next.status)},
           version = ${p(w.next.version)}, updated_at = now()
         WHERE saga_id = ${id} AND version = ${p(w.previous.version)} RETURNING saga_id)`
      : `saga AS (INSERT INTO ${t.instances} (saga_id, saga_type, status, state, version)
         VALUES (${id}, ${p(w.sagaType)}, ${p(w.next.status)}, ${p(JSON.stringify(w.next.state))}, ${p(w.next.version)})
         ON CONFLICT (saga_id) DO NOTHING RETURNING saga_id)`,
  );
  const h = w.history;
  parts.push(
    h.length === 1
      ? `history AS (INSERT INTO ${t.history} (saga_id, input_id, version, input, status, commands)
       SELECT saga_id, ${p(h[0]!.inputId)}, ${p(h[0]!.version)}, ${p(JSON.stringify(h[0]!.input))}, ${p(h[0]!.status)},
              ${p(JSON.stringify(h[0]!.commands))} FROM saga)`
      : `history AS (INSERT INTO ${t.history} (saga_id, input_id, version, input, status, commands)
       SELECT saga_id, e.input_id, e.version, e.input, e.status, e.commands
       FROM saga, unnest(${p(h.map((e) => e.inputId))}::text[], ${p(h.map((e) => e.version))}::integer[],
                         ${p(h.map((e) => JSON.stringify(e.input)))}::jsonb[], ${p(h.map((e) => e.status))}::text[],
                         ${p(h.map((e) => JSON.stringify(e.commands)))}::jsonb[])
         AS e(input_id, version, input, status, commands))`,
  );
  const s = w.settles;
  if (s.length === 1)
    parts.push(
      `settled AS (UPDATE ${t.commands} SET status = ${p(s[0]!.status)}, updated_at = now()
         WHERE saga_id = ${id} AND step = ${p(s[0]!.step)} AND ${written})`,
    );
  else if (s.length > 1)
    parts.push(
      `settled AS (UPDATE ${t.commands} c SET status = o.status, updated_at = now()
         FROM unnest(${p(s.map((o) => o.step))}::text[], ${p(s.map((o) => o.status))}::text[]) AS o(step, status)
         WHERE c.saga_id = ${id} AND c.step = o.step AND ${written})`,
    );
  if (w.supersede.length > 0)
    parts.push(
      `superseded AS (UPDATE ${t.commands} SET status = 'superseded', updated_at = now()
         WHERE saga_id = ${id} AND step = ANY(${p(w.supersede)}) AND status IN ('pending', 'failed') AND ${written})`,
    );
  if (w.commands.length > 0)
    // Claimed (and fenced) by this process until `claimUntil`: it sends them right after this
    // commits; if it dies first, the pollers (of any replica) send them once the claim runs out.
    parts.push(
      `inserted AS (INSERT INTO ${t.commands}
         (saga_id, step, command, idempotency_key, compensation, status, next_attempt_at,
          in_flight_until, in_flight_by)
       SELECT ${id}, step, command, key, compensation, 'pending', ${p(w.claimUntil)}::timestamptz,
              ${p(w.claimUntil)}::timestamptz, ${p(w.owner)}
       FROM unnest(${p(w.commands.map((c) => c.step))}::text[], ${p(w.commands.map((c) => JSON.stringify(c.command)))}::jsonb[],
                   ${p(w.commands.map((c) => c.idempotencyKey))}::text[], ${p(w.commands.map((c) => c.compensation))}::boolean[])
         AS c(step, command, key, compensation)
       WHERE ${written})`,
    );
  const d = w.deadline;
  if (d.op === 'clear')
    parts.push(`deadline AS (DELETE FROM ${t.deadlines} WHERE saga_id = ${id} AND ${written})`);
  else if (d.op === 'consume')
    parts.push(
      `deadline AS (DELETE FROM ${t.deadlines} WHERE saga_id = ${id} AND due_at = ${p(d.dueAt)} AND ${written})`,
    );
  else if (d.op === 'set')
    parts.push(
      `deadline AS (INSERT INTO ${t.deadlines} (saga_id, name, due_at)
         SELECT ${id}, ${p(d.name)}, ${p(d.dueAt)} WHERE ${written}
         ON CONFLICT (saga_id) DO UPDATE SET name = EXCLUDED.name, due_at = EXCLUDED.due_at)`,
    );
  const { rows } = await pool.query<{ written: boolean }>(
    prepared(`WITH ${parts.join(',\n')} SELECT ${written} AS written`, params),
  );
  return rows[0]?.written ? 'written' : 'conflict';
};

/**
 * A reaction that supersedes commands is written only while none of them is being sent by
 * another replica: the pending ones are locked (so no replica can claim them meanwhile) and their
 * fences checked in the same transaction as the write. 'busy' means: wait for the send to end.
 */
export const writeSuperseding = async (
  pool: Pool,
  t: SagaTables,
  w: Write,
  now: Date,
): Promise<'written' | 'conflict' | 'busy'> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ in_flight_until: Date | null; in_flight_by: string }>(
      `SELECT in_flight_until, in_flight_by FROM ${t.commands}
       WHERE saga_id = $1 AND step = ANY($2) AND status = 'pending' FOR UPDATE`,
      [w.sagaId, w.supersede],
    );
    const sending = rows.some(
      (r) => r.in_flight_by !== w.owner && r.in_flight_until !== null && r.in_flight_until > now,
    );
    if (sending) {
      await client.query('ROLLBACK');
      client.release();
      return 'busy';
    }
    const outcome = await writeReaction(client, t, w);
    await client.query('COMMIT');
    client.release();
    return outcome;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(error instanceof Error ? error : undefined);
    throw error;
  }
};
