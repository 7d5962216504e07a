import { type Pool } from 'pg';
import { sleep } from '@ledgerline/retry';
import { foldReactions } from './fold';
import { type SagaCommand, type SagaDefinition, type SagaInput, type SagaStatus } from './saga';
import { type CachedSaga, type SagaStateCache } from './state-cache';
import { type SagaTables } from './tables';
import { prepared, writeReaction, writeSuperseding } from './store-write';

/** A command committed to the outbox, to be sent after the commit. */
export interface OutboxCommand {
  readonly sagaId: string;
  readonly step: string;
  readonly generation: number;
  readonly command: SagaCommand;
  readonly idempotencyKey: string;
  readonly compensation: boolean;
  readonly attempts: number;
  /**
   * Until when (this process's clock, epoch ms) this process holds the command's send fence: no
   * other replica supersedes it before, so a send that ends by then cannot be a superseded one.
   */
  readonly heldUntil: number;
}

export interface HandledInput {
  /** False for a duplicate, an input for an unknown saga, or a start the saga ignored. */
  readonly applied: boolean;
  readonly status?: SagaStatus;
  readonly commands: readonly OutboxCommand[];
  /** Not handled: these inputs must be handled one at a time (see `handleInputs`). */
  readonly oneByOne?: boolean;
}

/** Marks the command whose outcome this input reports, in the same statement. */
export interface Settles {
  readonly step: string;
  readonly status: 'done' | 'rejected';
}

const NOT_APPLIED: HandledInput = { applied: false, commands: [] };

interface StoredRow {
  state: unknown;
  status: SagaStatus | null;
  version: number | null;
  seen: string[];
  due_at: Date | null;
}

/** The saga's row, which of `inputIds` it handled already, and its deadline: one round trip. */
const readSaga = async (
  pool: Pool,
  tables: SagaTables,
  sagaId: string,
  inputIds: readonly string[],
) => {
  const { rows } = await pool.query<StoredRow>(
    prepared(
      `SELECT i.state, i.status, i.version,
            ARRAY(SELECT h.input_id FROM ${tables.history} h
                  WHERE h.saga_id = $1 AND h.input_id = ANY($2::text[])) AS seen,
            (SELECT d.due_at FROM ${tables.deadlines} d WHERE d.saga_id = $1) AS due_at
     FROM (SELECT 1) AS one LEFT JOIN ${tables.instances} i ON i.saga_id = $1`,
      [sagaId, inputIds],
    ),
  );
  const row = rows[0]!;
  const saga: CachedSaga | undefined =
    row.version === null || row.status === null
      ? undefined
      : { state: row.state, status: row.status, version: row.version };
  return { saga, seen: new Set(row.seen), dueAt: row.due_at };
};

const isDuplicateInput = (error: unknown): boolean =>
  (error as { code?: string; constraint?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === 'saga_history_pkey';

export { ReactionFailed } from './fold';

/** One input of a saga, and the command whose outcome it reports (if it is one). */
export interface InputToHandle<Event> {
  readonly inputId: string;
  readonly input: SagaInput<Event>;
  readonly settles?: Settles;
}

interface HandleArgs<Event> {
  readonly sagaId: string;
  /** Reacted to in order; written together, each with its own history entry and version. */
  readonly inputs: readonly InputToHandle<Event>[];
  readonly starts?: boolean;
  readonly now: Date;
  readonly claimUntil: Date;
  /** This process, as the owner of the send fences it takes. */
  readonly owner: string;
  /** A deadline input must still be the saga's current deadline (not replaced or cleared). */
  readonly deadlineDueAt?: Date;
}

/**
 * A batch the one statement cannot express (an input superseding a command an earlier one of the
 * same batch created): the caller handles the inputs one by one instead.
 */
export const HANDLE_ONE_BY_ONE: HandledInput = { applied: false, commands: [], oneByOne: true };

/**
 * Handles one input of one saga: reads the saga (from the cache when this process wrote it
 * last), calls the pure `react`, and writes the outcome in one conditional statement. A
 * duplicate input id (the history's primary key) ends it; a version conflict re-reads and
 * re-reacts. Nothing is sent before the write commits.
 */
export const handleInput = <State, Event, Command extends SagaCommand, IdName extends string>(
  pool: Pool,
  tables: SagaTables,
  cache: SagaStateCache,
  definition: SagaDefinition<State, Event, Command, IdName>,
  args: Omit<HandleArgs<Event>, 'inputs'> & InputToHandle<Event>,
): Promise<HandledInput> => {
  const { inputId, input, settles, ...rest } = args;
  return handleInputs(pool, tables, cache, definition, {
    ...rest,
    inputs: [{ inputId, input, ...(settles ? { settles } : {}) }],
  });
};

/**
 * Handles several inputs of one saga (the outcomes of commands sent together) in one write: each
 * is reacted to on the state the previous one left, each gets its history entry and version, and
 * the row, the settled and new commands and the deadline are written once. Inputs already handled
 * (a cache miss reads which) are left out; a duplicate met by the write itself, or a batch the
 * statement cannot express, answers `oneByOne`, and the caller handles them singly.
 */
export const handleInputs = async <
  State,
  Event,
  Command extends SagaCommand,
  IdName extends string,
>(
  pool: Pool,
  tables: SagaTables,
  cache: SagaStateCache,
  definition: SagaDefinition<State, Event, Command, IdName>,
  args: HandleArgs<Event>,
): Promise<HandledInput> => {
  const { sagaId } = args;
  let waits = 0;
  for (let attempt = 0; ; attempt += 1) {
    let saga = attempt === 0 && !args.deadlineDueAt ? cache.get(sagaId) : undefined;
    let inputs = args.inputs;
    if (!saga) {
      const stored = await readSaga(
        pool,
        tables,
        sagaId,
        inputs.map((i) => i.inputId),
      );
      inputs = inputs.filter((i) => !stored.seen.has(i.inputId));
      if (inputs.length === 0) return NOT_APPLIED;
      if (args.deadlineDueAt && stored.dueAt?.getTime() !== args.deadlineDueAt.getTime())
        return NOT_APPLIED;
      saga = stored.saga;
      if (saga) cache.set(sagaId, saga);
    }
    if (!saga && !args.starts) return NOT_APPLIED;
    const folded = foldReactions(definition, saga, inputs, args);
    if (folded === 'not-applied') return NOT_APPLIED;
    if (folded === 'one-by-one') return HANDLE_ONE_BY_ONE;
    const { write, pendingSteps, commands } = folded;
    let outcome: 'written' | 'conflict' | 'busy';
    try {
      outcome =
        write.supersede.length > 0
          ? await writeSuperseding(pool, tables, write, new Date())
          : await writeReaction(pool, tables, write);
    } catch (error) {
      cache.delete(sagaId);
      if (isDuplicateInput(error)) return inputs.length > 1 ? HANDLE_ONE_BY_ONE : NOT_APPLIED;
      throw error;
    }
    if (outcome === 'busy') {
      // Another replica is sending a command this input supersedes: its outcome comes first,
      // then this input is reacted to again on the saga as that outcome left it.
      cache.delete(sagaId);
      waits += 1;
      await sleep(Math.min(10 * 2 ** waits, 250));
      continue;
    }
    if (outcome === 'conflict') {
      cache.delete(sagaId);
      continue;
    }
    cache.set(sagaId, { ...write.next, ...(pendingSteps ? { pendingSteps } : {}) });
    return { applied: true, status: write.next.status, commands };
  }
};
