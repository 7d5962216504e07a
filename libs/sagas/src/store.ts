import { type Pool } from 'pg';
import { sleep } from '@ledgerline/retry';
import { derivedIds, idempotencyKeyOf } from './ids';
import { type SagaCommand, type SagaDefinition, type SagaInput, type SagaStatus } from './saga';
import { type CachedSaga, type SagaStateCache } from './state-cache';
import { type SagaTables } from './tables';
import {
  type DeadlineChange,
  prepared,
  type Write,
  writeReaction,
  writeSuperseding,
} from './store-write';

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
    /** This process, as the owner of the send fences it takes. */
    readonly owner: string;
    readonly settles?: Settles;
    /** A deadline input must still be the saga's current deadline (not replaced or cleared). */
    readonly deadlineDueAt?: Date;
  },
): Promise<HandledInput> => {
  const { sagaId, inputId, input } = args;
  let waits = 0;
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
      heldUntil: args.claimUntil.getTime(),
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
    const write: Write = {
      sagaId,
      sagaType: definition.type,
      inputId,
      input,
      previous: saga,
      next,
      commands,
      claimUntil: args.claimUntil,
      owner: args.owner,
      settles: args.settles,
      supersede,
      deadline,
    };
    let outcome: 'written' | 'conflict' | 'busy';
    try {
      outcome =
        supersede.length > 0
          ? await writeSuperseding(pool, tables, write, new Date())
          : await writeReaction(pool, tables, write);
    } catch (error) {
      cache.delete(sagaId);
      if (isDuplicateInput(error)) return NOT_APPLIED;
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
