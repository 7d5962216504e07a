import { createHash } from 'node:crypto';
import { type Pool } from 'pg';
import { derivedIds, idempotencyKeyOf } from './ids';
import { type SagaCommand, type SagaDefinition, type SagaInput, type SagaStatus } from './saga';
import { type CachedSaga, type SagaStateCache } from './state-cache';
import { type SagaTables } from './tables';

/** A command committed to the outbox, to be sent after the commit. */
export interface OutboxCommand {
  readonly sagaId: string;
  readonly step: string;
  readonly generation: number;
  readonly command: SagaCommand;
  readonly idempotencyKey: string;
  readonly compensation: boolean;
  readonly attempts: number;
}

export interface HandledInput {
  /** False for a duplicate, an input for an unknown saga, or a start the saga ignored. */
  readonly applied: boolean;
  readonly status?: SagaStatus;
  readonly commands: readonly OutboxCommand[];
}

/** Marks the command whose outcome this input reports, in the same statement. */
export interface Settles {
  readonly step: string;
  readonly status: 'done' | 'rejected';
}

const NOT_APPLIED: HandledInput = { applied: false, commands: [] };

/**
 * A named (prepared once per connection) statement: the writes come in a few dozen shapes, and
 * parsing and planning a CTE of six parts on every input costs PostgreSQL more than running it.
 */
const prepared = (text: string, values: unknown[]) => ({
  name: `saga_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`,
  text,
  values,
});

interface StoredRow {
  state: unknown;
  status: SagaStatus | null;
  version: number | null;
  seen: boolean;
  due_at: Date | null;
}

/** The saga's row, whether it handled `inputId` already, and its deadline: one round trip. */
const readSaga = async (pool: Pool, tables: SagaTables, sagaId: string, inputId: string) => {
  const { rows } = await pool.query<StoredRow>(
    prepared(
      `SELECT i.state, i.status, i.version,
            EXISTS (SELECT 1 FROM ${tables.history} h WHERE h.saga_id = $1 AND h.input_id = $2) AS seen,
            (SELECT d.due_at FROM ${tables.deadlines} d WHERE d.saga_id = $1) AS due_at
     FROM (SELECT 1) AS one LEFT JOIN ${tables.instances} i ON i.saga_id = $1`,
      [sagaId, inputId],
    ),
  );
  const row = rows[0]!;
  const saga: CachedSaga | undefined =
    row.version === null || row.status === null
      ? undefined
      : { state: row.state, status: row.status, version: row.version };
  return { saga, seen: row.seen, dueAt: row.due_at };
};

type DeadlineChange =
  | { readonly op: 'keep' }
  | { readonly op: 'clear' }
  | { readonly op: 'consume'; readonly dueAt: Date }
  | { readonly op: 'set'; readonly name: string; readonly dueAt: Date };

interface Write {
  readonly sagaId: string;
  readonly sagaType: string;
  readonly inputId: string;
  readonly input: unknown;
  readonly previous: CachedSaga | undefined;
  readonly next: { readonly state: unknown; readonly status: SagaStatus; readonly version: number };
  readonly commands: readonly OutboxCommand[];
  readonly claimUntil: Date;
  readonly settles: Settles | undefined;
  readonly supersede: readonly string[];
  readonly deadline: DeadlineChange;
}

/**
 * Everything an input changes, as one statement (so one atomic round trip): the saga's row,
 * guarded by its version (or created), its history entry, the settled and superseded commands,
 * the new commands and the deadline. Every part but the first runs only if the row was written.
 */
const writeReaction = async (
  pool: Pool,
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
  parts.push(
    `history AS (INSERT INTO ${t.history} (saga_id, input_id, version, input, status, commands)
       SELECT saga_id, ${p(w.inputId)}, ${p(w.next.version)}, ${p(JSON.stringify(w.input))}, ${p(w.next.status)},
              ${p(JSON.stringify(w.commands.map((c) => c.command)))} FROM saga)`,
  );
  if (w.settles)
    parts.push(
      `settled AS (UPDATE ${t.commands} SET status = ${p(w.settles.status)}, updated_at = now()
         WHERE saga_id = ${id} AND step = ${p(w.settles.step)} AND ${written})`,
    );
  if (w.supersede.length > 0)
    parts.push(
      `superseded AS (UPDATE ${t.commands} SET status = 'superseded', updated_at = now()
         WHERE saga_id = ${id} AND step = ANY(${p(w.supersede)}) AND status IN ('pending', 'failed') AND ${written})`,
    );
  if (w.commands.length > 0)
    // Claimed by this process until `claimUntil`: it sends them right after this commits; if it
    // dies first, the pollers (of any replica) send them once the claim runs out.
    parts.push(
      `inserted AS (INSERT INTO ${t.commands}
         (saga_id, step, command, idempotency_key, compensation, status, next_attempt_at)
       SELECT ${id}, step, command, key, compensation, 'pending', ${p(w.claimUntil)}::timestamptz
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

const isDuplicateInput = (error: unknown): boolean =>
  (error as { code?: string; constraint?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === 'saga_history_pkey';

const nextPending = (
  previous: ReadonlySet<string> | undefined,
  settled: string | undefined,
  superseded: readonly string[],
  added: readonly OutboxCommand[],
): ReadonlySet<string> | undefined => {
  if (!previous) return undefined;
  const next = new Set(previous);
  if (settled) next.delete(settled);
  for (const step of superseded) next.delete(step);
  for (const c of added) next.add(c.step);
  return next;
};

/** The saga's own code threw on an input: retrying cannot help, the runtime parks the input. */
export class ReactionFailed extends Error {
  override readonly name = 'ReactionFailed';
  constructor(
    readonly sagaId: string,
    readonly inputId: string,
    readonly reason: unknown,
  ) {
    super(
      `saga ${sagaId}: react threw on ${inputId}: ${reason instanceof Error ? reason.message : String(reason)}`,
    );
  }
}

/**
 * Handles one input of one saga: reads the saga (from the cache when this process wrote it
 * last), calls the pure `react`, and writes the outcome in one conditional statement. A
 * duplicate input id (the history's primary key) ends it; a version conflict re-reads and
 * re-reacts. Nothing is sent before the write commits.
 */
export const handleInput = async <State, Event, Command extends SagaCommand, IdName extends string>(
  pool: Pool,
  tables: SagaTables,
  cache: SagaStateCache,
  definition: SagaDefinition<State, Event, Command, IdName>,
  args: {
    readonly sagaId: string;
    readonly inputId: string;
    readonly input: SagaInput<Event>;
    readonly starts?: boolean;
    readonly now: Date;
    readonly claimUntil: Date;
    readonly settles?: Settles;
    /** A deadline input must still be the saga's current deadline (not replaced or cleared). */
    readonly deadlineDueAt?: Date;
  },
): Promise<HandledInput> => {
  const { sagaId, inputId, input } = args;
  for (let attempt = 0; ; attempt += 1) {
    let saga = attempt === 0 && !args.deadlineDueAt ? cache.get(sagaId) : undefined;
    if (!saga) {
      const stored = await readSaga(pool, tables, sagaId, inputId);
      if (stored.seen) return NOT_APPLIED;
      if (args.deadlineDueAt && stored.dueAt?.getTime() !== args.deadlineDueAt.getTime())
        return NOT_APPLIED;
      saga = stored.saga;
      if (saga) cache.set(sagaId, saga);
    }
    if (!saga && !args.starts) return NOT_APPLIED;
    let reaction;
    try {
      reaction = definition.react(input, saga?.state as State | undefined, {
        sagaId,
        now: args.now.toISOString(),
        ids: derivedIds(definition.type, sagaId, definition.derivedIds),
      });
    } catch (error) {
      throw new ReactionFailed(sagaId, inputId, error);
    }
    if (!saga && !reaction) return NOT_APPLIED;
    const commands: OutboxCommand[] = (reaction?.commands ?? []).map((command) => ({
      sagaId,
      step: command.step,
      generation: 1,
      command,
      idempotencyKey: idempotencyKeyOf(sagaId, command.step),
      compensation: command.compensation ?? false,
      attempts: 0,
    }));
    // A saga in compensation_failed stays there until the failed command is retried by an
    // operator and succeeds: a reaction cannot quietly clear the alert.
    const status: SagaStatus =
      saga?.status === 'compensation_failed' && reaction?.status === 'compensating'
        ? 'compensation_failed'
        : (reaction?.status ?? saga?.status ?? 'running');
    const next = {
      state: reaction ? reaction.state : saga?.state,
      status,
      version: (saga?.version ?? 0) + 1,
    };
    const supersede = reaction?.supersede ?? [];
    const deadline: DeadlineChange =
      reaction?.deadline === null
        ? { op: 'clear' }
        : reaction?.deadline
          ? {
              op: 'set',
              name: reaction.deadline.name,
              dueAt: new Date(args.now.getTime() + reaction.deadline.afterMs),
            }
          : args.deadlineDueAt
            ? { op: 'consume', dueAt: args.deadlineDueAt }
            : { op: 'keep' };
    let outcome: 'written' | 'conflict';
    try {
      outcome = await writeReaction(pool, tables, {
        sagaId,
        sagaType: definition.type,
        inputId,
        input,
        previous: saga,
        next,
        commands,
        claimUntil: args.claimUntil,
        settles: args.settles,
        supersede,
        deadline,
      });
    } catch (error) {
      cache.delete(sagaId);
      if (isDuplicateInput(error)) return NOT_APPLIED;
      throw error;
    }
    if (outcome === 'conflict') {
      cache.delete(sagaId);
      continue;
    }
    cache.set(sagaId, {
      ...next,
      ...(() => {
        const pendingSteps = nextPending(
          saga ? saga.pendingSteps : new Set(),
          args.settles?.step,
          supersede,
          commands,
        );
        return pendingSteps ? { pendingSteps } : {};
      })(),
    });
    return { applied: true, status, commands };
  }
};
