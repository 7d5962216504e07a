import { type Command, type CommandGroup } from './command';
import { EXIT } from './exit-codes';

const pad = (rows: readonly [string, string][]) => {
  const width = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`).join('\n');
};

export const exitCodeHelp = (): string =>
  pad([
    [String(EXIT.ok), 'done'],
    [String(EXIT.failed), 'failed (the message says why)'],
    [String(EXIT.usage), 'bad usage: unknown command or option, bad argument, missing setting'],
    [String(EXIT.notFound), 'not found: projection, stream, previous copy'],
    [String(EXIT.locked), 'another rebuild of the projection is running (or a reset)'],
    [String(EXIT.verificationFailed), 'verification found differences: not switched'],
    [String(EXIT.unappliable), 'an event cannot be applied: not switched'],
    [String(EXIT.unreachable), 'a server could not be reached'],
    [String(EXIT.partial), 'partly done: events still parked after redrive, stack script failed'],
    [String(EXIT.rangeGone), 'Kafka no longer holds what a reset replays: nothing changed'],
  ]);

export const topHelp = (groups: readonly CommandGroup[]): string =>
  [
    'usage: platform <group> <command> [arguments] [--json] [--help]',
    '',
    'Operate the Ledgerline platform.',
    '',
    'groups:',
    pad(groups.map((g) => [g.name, g.summary])),
    '',
    'Every command takes --help, and --json for output scripts can read (errors too).',
    'Servers come from POSTGRES_URL, KAFKA_BROKERS, ELASTICSEARCH_URL (or .stack/env);',
    'KAFKA_TOPIC_PREFIX names the topics of a prefixed platform, as its services use it.',
    '',
    'exit codes:',
    exitCodeHelp(),
  ].join('\n');

export const groupHelp = (group: CommandGroup): string =>
  [
    `usage: platform ${group.name} <command> [arguments] [--json] [--help]`,
    '',
    `${group.summary}.`,
    '',
    'commands:',
    pad(group.commands.map((c) => [c.name, c.summary])),
  ].join('\n');

export const commandHelp = (group: CommandGroup, command: Command): string => {
  const positionals = (command.positionals ?? [])
    .map((p) => (p.optional ? `[${p.name}]` : `<${p.name}>`))
    .join(' ');
  const options: [string, string][] = [
    ...(command.options ?? []).map((o): [string, string] => [
      `--${o.name}${o.type === 'string' ? ' <value>' : ''}`,
      `${o.description}${o.default !== undefined ? ` (default ${o.default})` : ''}`,
    ]),
    ['--json', 'print the result (or the error) as JSON on stdout'],
    ['--help', 'this help'],
  ];
  return [
    `usage: platform ${[group.name, command.name].filter(Boolean).join(' ')}${positionals ? ` ${positionals}` : ''} [options]`,
    '',
    `${command.summary}.`,
    ...(command.positionals?.length
      ? ['', 'arguments:', pad(command.positionals.map((p) => [p.name, p.description]))]
      : []),
    '',
    'options:',
    pad(options),
    ...(command.details ? ['', command.details] : []),
  ].join('\n');
};
