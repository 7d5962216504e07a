import { type PoolClient } from 'pg';
import { derivedIds, idempotencyKeyOf } from './ids';
import { type SagaCommand, type SagaDefinition, type SagaInput, type SagaStatus } from './saga';
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
  /** False for a duplicate, an input for an unknown saga, or one the saga ignored. */
  readonly applied: boolean;
  readonly status?: SagaStatus;
  readonly commands: readonly OutboxCommand[];
}

/** Marks the command whose outcome this input reports, in the same transaction. */
export interface Settles {
  readonly step: string;
  readonly status: 'done' | 'rejected';
}

interface InstanceRow {
  state: unknown;
  status: SagaStatus;
  version: number;
}

const NOT_APPLIED: HandledInput = { applied: false, commands: [] };

/**
 * Handles one input of one saga in one transaction: locks the saga's row (inputs of a saga are
 * serialised even across replicas), records the input in the history (a duplicate input id ends
 * here), calls the pure `react`, and writes the new state, the commands (the outbox) and the
 * deadline. Nothing is sent before this commits.
 */
export const handleInput = async <State, Event, Command extends SagaCommand, IdName extends string>(
  client: PoolClient,
  tables: SagaTables,
  definition: SagaDefinition<State, Event, Command, IdName>,
  args: {
    readonly sagaId: string;
    readonly inputId: string;
    readonly input: SagaInput<Event>;
    readonly starts?: boolean;
    readonly now: Date;
    /** New commands are claimed by this process until then (it sends them right after commit). */
    readonly claimUntil: Date;
    readonly settles?: Settles;
    /** A deadline input must still be the saga's current deadline (not replaced or cleared). */
    readonly deadlineDueAt?: Date;
  },
): Promise<HandledInput> => {
  const { sagaId, inputId, input } = args;
  const found = await client.query<InstanceRow>(
    `SELECT state, status, version FROM ${tables.instances} WHERE saga_id = $1 FOR UPDATE`,
    [sagaId],
  );
  const row = found.rows[0];
  if (!row && !args.starts) return NOT_APPLIED;
  if (args.deadlineDueAt) {
    const current = await client.query(
      `DELETE FROM ${tables.deadlines} WHERE saga_id = $1 AND due_at = $2 RETURNING name`,
      [sagaId, args.deadlineDueAt],
    );
    if (current.rowCount === 0) return NOT_APPLIED;
  }
  const version = (row?.version ?? 0) + 1;
  const reaction = definition.react(input, row?.state as State | undefined, {
    sagaId,
    now: args.now.toISOString(),
    ids: derivedIds(definition.type, sagaId, definition.derivedIds),
  });
  const commands: OutboxCommand[] = (reaction?.commands ?? []).map((command) => ({
    sagaId,
    step: command.step,
    generation: 1,
    command,
    idempotencyKey: idempotencyKeyOf(sagaId, command.step),
    compensation: command.compensation ?? false,
    attempts: 0,
  }));
  // Sagas stuck in compensation_failed stay there until the failed command is retried and
  // succeeds (see operator.retry): a reaction cannot quietly clear the alert.
  const status =
    row?.status === 'compensation_failed' && reaction?.status === 'compensating'
      ? 'compensation_failed'
      : (reaction?.status ?? row?.status ?? 'running');
  const recorded = await client.query(
    `INSERT INTO ${tables.history} (saga_id, input_id, version, input, status, commands)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (saga_id, input_id) DO NOTHING`,
    [
      sagaId,
      inputId,
      version,
      JSON.stringify(input),
      status,
      JSON.stringify(commands.map((c) => c.command)),
    ],
  );
  if (recorded.rowCount === 0) return NOT_APPLIED;
  if (args.settles)
    await client.query(
      `UPDATE ${tables.commands} SET status = $3, updated_at = now()
       WHERE saga_id = $1 AND step = $2`,
      [sagaId, args.settles.step, args.settles.status],
    );
  if (!reaction) {
    // Ignored input: the history keeps it (auditable), the state stays.
    if (row)
      await client.query(`UPDATE ${tables.instances} SET version = $2 WHERE saga_id = $1`, [
        sagaId,
        version,
      ]);
    else
      await client.query(`DELETE FROM ${tables.history} WHERE saga_id = $1 AND input_id = $2`, [
        sagaId,
        inputId,
      ]);
    return { applied: Boolean(row), commands: [] };
  }
  if (row)
    await client.query(
      `UPDATE ${tables.instances} SET state = $2, status = $3, version = $4, updated_at = now()
       WHERE saga_id = $1`,
      [sagaId, JSON.stringify(reaction.state), status, version],
    );
  else
    await client.query(
      `INSERT INTO ${tables.instances} (saga_id, saga_type, status, state, version)
       VALUES ($1, $2, $3, $4, $5)`,
      [sagaId, definition.type, status, JSON.stringify(reaction.state), version],
    );
  if (reaction.supersede?.length)
    await client.query(
      `UPDATE ${tables.commands} SET status = 'superseded', updated_at = now()
       WHERE saga_id = $1 AND step = ANY($2) AND status IN ('pending', 'failed')`,
      [sagaId, reaction.supersede],
    );
  if (commands.length > 0)
    await client.query(
      `INSERT INTO ${tables.commands}
         (saga_id, step, command, idempotency_key, compensation, status, next_attempt_at)
       SELECT $1, step, command, key, compensation, 'pending', $2::timestamptz
       FROM unnest($3::text[], $4::jsonb[], $5::text[], $6::boolean[])
         AS c(step, command, key, compensation)`,
      [
        sagaId,
        // Claimed by this process until then; another replica (or this one after a restart)
        // sends it if it is still pending.
        args.claimUntil,
        commands.map((c) => c.step),
        commands.map((c) => JSON.stringify(c.command)),
        commands.map((c) => c.idempotencyKey),
        commands.map((c) => c.compensation),
      ],
    );
  if (reaction.deadline === null)
    await client.query(`DELETE FROM ${tables.deadlines} WHERE saga_id = $1`, [sagaId]);
  else if (reaction.deadline)
    await client.query(
      `INSERT INTO ${tables.deadlines} (saga_id, name, due_at) VALUES ($1, $2, $3)
       ON CONFLICT (saga_id) DO UPDATE SET name = EXCLUDED.name, due_at = EXCLUDED.due_at`,
      [sagaId, reaction.deadline.name, new Date(args.now.getTime() + reaction.deadline.afterMs)],
    );
  return { applied: true, status, commands };
};
