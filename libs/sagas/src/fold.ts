import { derivedIds, idempotencyKeyOf } from './ids';
import { type SagaCommand, type SagaContext, type SagaDefinition, type SagaStatus } from './saga';
import { type CachedSaga } from './state-cache';
import { type DeadlineChange, type HistoryEntry, type Write } from './store-write';
import { type InputToHandle, type OutboxCommand, type Settles } from './store';

// The reactions of a saga to one or more inputs, folded into the one write that stores them.

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

/**
 * The context `react` sees. The derived ids cost a sha256 each and only a saga's start reads
 * them, so they are derived when first read.
 */
const contextFor = <IdName extends string>(
  type: string,
  sagaId: string,
  names: readonly IdName[],
  now: string,
): SagaContext<IdName> => {
  let ids: Record<IdName, string> | undefined;
  return {
    sagaId,
    now,
    get ids() {
      return (ids ??= derivedIds(type, sagaId, names));
    },
  };
};

export interface FoldedReactions {
  readonly write: Write;
  readonly commands: readonly OutboxCommand[];
  readonly pendingSteps: ReadonlySet<string> | undefined;
}

/**
 * Reacts to `inputs` in order, each on the state the previous one left, and folds the reactions
 * into one write: the last state and status, one history entry (and version) per input, every
 * settled, superseded and new command, and the last word on the deadline. 'not-applied' when the
 * saga does not exist and the first input does not start it; 'one-by-one' when an input
 * supersedes a command an earlier input of the batch created (one statement cannot both insert
 * and supersede it).
 */
export const foldReactions = <State, Event, Command extends SagaCommand, IdName extends string>(
  definition: SagaDefinition<State, Event, Command, IdName>,
  saga: CachedSaga | undefined,
  inputs: readonly InputToHandle<Event>[],
  args: {
    readonly sagaId: string;
    readonly now: Date;
    readonly claimUntil: Date;
    readonly owner: string;
    readonly deadlineDueAt?: Date;
  },
): FoldedReactions | 'not-applied' | 'one-by-one' => {
  const { sagaId } = args;
  const context = contextFor(
    definition.type,
    sagaId,
    definition.derivedIds,
    args.now.toISOString(),
  );
  let current = saga;
  let pendingSteps = saga ? saga.pendingSteps : new Set<string>();
  let deadline: DeadlineChange = args.deadlineDueAt
    ? { op: 'consume', dueAt: args.deadlineDueAt }
    : { op: 'keep' };
  const history: HistoryEntry[] = [];
  const commands: OutboxCommand[] = [];
  const settles: Settles[] = [];
  const supersede: string[] = [];
  for (const { inputId, input, settles: settled } of inputs) {
    let reaction;
    try {
      reaction = definition.react(input, current?.state as State | undefined, context);
    } catch (error) {
      throw new ReactionFailed(sagaId, inputId, error);
    }
    if (!current && !reaction) return 'not-applied';
    const added: OutboxCommand[] = (reaction?.commands ?? []).map((command) => ({
      sagaId,
      step: command.step,
      generation: 1,
      command,
      idempotencyKey: idempotencyKeyOf(sagaId, command.step),
      compensation: command.compensation ?? false,
      attempts: 0,
      heldUntil: args.claimUntil.getTime(),
    }));
    const superseded = reaction?.supersede ?? [];
    if (superseded.some((step) => commands.some((c) => c.step === step))) return 'one-by-one';
    // A saga in compensation_failed stays there until the failed command is retried by an
    // operator and succeeds: a reaction cannot quietly clear the alert.
    const status: SagaStatus =
      current?.status === 'compensation_failed' && reaction?.status === 'compensating'
        ? 'compensation_failed'
        : (reaction?.status ?? current?.status ?? 'running');
    const version = (current?.version ?? 0) + 1;
    history.push({ inputId, input, version, status, commands: added.map((c) => c.command) });
    current = { state: reaction ? reaction.state : current?.state, status, version };
    commands.push(...added);
    if (settled) settles.push(settled);
    supersede.push(...superseded);
    pendingSteps = nextPending(pendingSteps, settled?.step, superseded, added);
    if (reaction?.deadline === null) deadline = { op: 'clear' };
    else if (reaction?.deadline)
      deadline = {
        op: 'set',
        name: reaction.deadline.name,
        dueAt: new Date(args.now.getTime() + reaction.deadline.afterMs),
      };
  }
  if (!current) return 'not-applied';
  return {
    write: {
      sagaId,
      sagaType: definition.type,
      history,
      previous: saga,
      next: { state: current.state, status: current.status, version: current.version },
      commands,
      claimUntil: args.claimUntil,
      owner: args.owner,
      settles,
      supersede,
      deadline,
    },
    commands,
    pendingSteps,
  };
};
