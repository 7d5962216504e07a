import { isSagaStatus, SagaNotFound, sagaOperator, SAGA_STATUSES } from '@ledgerline/sagas';
import {
  type Command,
  type CommandGroup,
  intOption,
  NotFound,
  stringOption,
  UsageError,
} from '../command';
import { type CliContext } from '../context';
import { table } from '../render';

const schemaOption = {
  name: 'schema',
  type: 'string',
  description: 'PostgreSQL schema of the saga tables (SAGA_SCHEMA)',
  default: 'sagas',
} as const;
const sagaId = { name: 'saga-id', description: 'the saga id (a checkout: its order id)' };

const operatorFor = (parsed: Parameters<Command['run']>[0], context: CliContext) =>
  sagaOperator({
    pool: context.pool(),
    schema: stringOption(parsed, 'schema') ?? context.env['SAGA_SCHEMA'] ?? 'sagas',
  });

/** SagaNotFound is the operator's "no such saga": exit code 3, like any unknown name. */
const named = async <T>(run: () => Promise<T>): Promise<T> =>
  run().catch((error: unknown) => {
    throw error instanceof SagaNotFound ? new NotFound(error.message) : error;
  });

const list: Command = {
  name: 'list',
  summary: 'sagas, newest first, optionally in one state (e.g. compensation_failed)',
  options: [
    { name: 'status', type: 'string', description: `one of ${SAGA_STATUSES.join(', ')}` },
    { name: 'type', type: 'string', description: 'saga type, e.g. checkout' },
    { name: 'limit', type: 'string', description: 'at most this many', default: '50' },
    schemaOption,
  ],
  async run(parsed, context) {
    const status = stringOption(parsed, 'status');
    if (status !== undefined && !isSagaStatus(status))
      throw new UsageError(`--status must be one of ${SAGA_STATUSES.join(', ')}, not ${status}`);
    const type = stringOption(parsed, 'type');
    const sagas = await operatorFor(parsed, context).list({
      ...(status !== undefined && { status }),
      ...(type !== undefined && { type }),
      limit: intOption(parsed, 'limit', 50, 1),
    });
    return {
      data: sagas,
      text: table(
        ['SAGA', 'TYPE', 'STATUS', 'VERSION', 'UPDATED'],
        sagas.map((s) => [s.sagaId, s.type, s.status, String(s.version), s.updatedAt]),
      ),
    };
  },
};

const show: Command = {
  name: 'show',
  summary: 'one saga: its state, history (every handled input), commands and deadline',
  positionals: [sagaId],
  options: [schemaOption],
  details: 'Exit 3 when no saga has that id.',
  async run(parsed, context) {
    const id = parsed.positionals[0]!;
    const saga = await named(() => operatorFor(parsed, context).show(id));
    const commands = table(
      ['STEP', 'GEN', 'STATUS', 'ATTEMPTS', 'LAST ERROR'],
      saga.commands.map((c) => [
        c.step,
        String(c.generation),
        c.status,
        String(c.attempts),
        c.lastError ?? '-',
      ]),
    );
    const history = table(
      ['V', 'INPUT', 'STATUS', 'AT'],
      saga.history.map((h) => [String(h.version), h.inputId, h.status, h.recordedAt]),
    );
    return {
      data: saga,
      text:
        `${saga.type} ${saga.sagaId}: ${saga.status} (version ${saga.version})` +
        `${saga.deadline ? `, deadline ${saga.deadline.name} at ${saga.deadline.dueAt}` : ''}\n\n` +
        `commands:\n${commands}\n\nhistory:\n${history}`,
    };
  },
};

const retry: Command = {
  name: 'retry',
  summary: 'send a stuck saga’s failed or refused compensations and waiting retries now',
  positionals: [sagaId],
  options: [schemaOption],
  details:
    'A compensation_failed saga goes back to compensating; the running checkout service sends the steps. Exit 3 when no saga has that id.',
  async run(parsed, context) {
    const id = parsed.positionals[0]!;
    const result = await named(() => operatorFor(parsed, context).retry(id));
    return {
      data: result,
      text:
        result.steps.length === 0
          ? `${result.sagaId}: nothing to retry (${result.status})`
          : `${result.sagaId}: ${result.steps.join(', ')} sent again (${result.status})`,
    };
  },
};

const parked: Command = {
  name: 'parked',
  summary: 'inputs a saga’s code threw on (route or react), oldest first',
  options: [
    { name: 'type', type: 'string', description: 'saga type, e.g. checkout' },
    schemaOption,
  ],
  details:
    'A parked input waits for a fixed release: every saga runtime handles the parked inputs\n' +
    'again when it starts, and unparks those it now handles.',
  async run(parsed, context) {
    const type = stringOption(parsed, 'type');
    const inputs = await operatorFor(parsed, context).listParked(type);
    return {
      data: inputs,
      text: table(
        ['SAGA', 'TYPE', 'INPUT', 'ATTEMPTS', 'PARKED', 'ERROR'],
        inputs.map((p) => [p.sagaId, p.type, p.inputId, String(p.attempts), p.parkedAt, p.error]),
      ),
    };
  },
};

export const sagasGroup: CommandGroup = {
  name: 'sagas',
  summary: 'running and finished sagas (checkouts): list, inspect, retry a stuck step',
  commands: [list, show, retry, parked],
};
