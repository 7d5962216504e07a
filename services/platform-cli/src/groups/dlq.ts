import { parkingOperator, RuntimeState } from '@ledgerline/projections';
import { type Command, type CommandGroup, stringOption } from '../command';
import { EXIT } from '../exit-codes';
import { findView } from '../find-view';
import { table } from '../render';

const projection = { name: 'projection', description: 'a name from `platform projections list`' };
const stream = { name: 'stream', type: 'string', description: 'only this stream' } as const;

const list: Command = {
  name: 'list',
  summary: 'parked events of a projection (poison and the events waiting behind them)',
  positionals: [projection],
  options: [stream],
  async run(parsed, context) {
    const { view } = findView(context, parsed.positionals[0]);
    const parked = await new RuntimeState(view.runtimeSchema).listParked(
      context.pool(),
      view.projection.name,
      stringOption(parsed, 'stream'),
    );
    const data = parked.map(({ payload: _payload, headers: _headers, ...row }) => row);
    return {
      data,
      text: table(
        ['STREAM', 'V', 'TYPE', 'STATUS', 'ATTEMPTS', 'ERROR'],
        data.map((p) => [
          p.streamId,
          String(p.version ?? '-'),
          p.type ?? '-',
          p.status,
          String(p.attempts),
          p.error,
        ]),
      ),
    };
  },
};

const redrive: Command = {
  name: 'redrive',
  summary: 'apply parked events again through the current handlers, per stream in order',
  positionals: [projection],
  options: [stream],
  details: 'Exit 8 when some events failed again (they stay parked).',
  async run(parsed, context) {
    const { view } = findView(context, parsed.positionals[0]);
    const operator = parkingOperator({
      pool: context.pool(),
      schema: view.runtimeSchema,
      searchClient: context.searchClient(),
      retry: { attempts: 3, baseDelayMs: 50 },
      signal: new AbortController().signal,
    });
    const result = await operator.redrive(view.projection, stringOption(parsed, 'stream'));
    return {
      data: result,
      text:
        `redriven ${result.redriven}, still parked ${result.stillParked}` +
        result.failures.map((f) => `\n  ${f.streamId} v${f.version ?? '?'}: ${f.error}`).join(''),
      ...(result.stillParked > 0 ? { exitCode: EXIT.partial } : {}),
    };
  },
};

export const dlqGroup: CommandGroup = {
  name: 'dlq',
  summary: 'parked (dead-lettered) events of a projection',
  commands: [list, redrive],
};
