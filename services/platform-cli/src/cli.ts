import { ConfigError } from '@ledgerline/config';
import { ReplayError } from '@ledgerline/replay';
import { parseArgs } from 'node:util';
import { type CommandGroup, NotFound, UsageError } from './command';
import { type CliContext, createContext, type Output } from './context';
import { EXIT, type ExitCode, exitCodeOf } from './exit-codes';
import { commandHelp, groupHelp, topHelp } from './help';

export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly workspace: string;
}

const UNREACHABLE =
  /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|Connection error|KafkaJSConnectionError|KafkaJSNumberOfRetriesExceeded|ConnectionError/;

const classify = (error: unknown): { code: ExitCode; kind: string } => {
  if (error instanceof ReplayError) return { code: exitCodeOf(error.kind), kind: error.kind };
  if (error instanceof UsageError || error instanceof ConfigError)
    return { code: EXIT.usage, kind: 'usage' };
  if (error instanceof NotFound) return { code: EXIT.notFound, kind: 'not-found' };
  // PostgreSQL: undefined table or schema (a store or view that does not exist).
  const sqlState = (error as { code?: unknown } | null)?.code;
  if (sqlState === '42P01' || sqlState === '3F000')
    return { code: EXIT.notFound, kind: 'not-found' };
  const text =
    error instanceof Error
      ? `${error.name} ${error.message} ${JSON.stringify((error as { code?: unknown }).code ?? '')}`
      : String(error);
  if (UNREACHABLE.test(text)) return { code: EXIT.unreachable, kind: 'unreachable' };
  return { code: EXIT.failed, kind: 'failed' };
};

const oneLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();

/** Runs one `platform …` invocation and returns its exit code; never throws. */
export const runCli = async (
  argv: readonly string[],
  groups: readonly CommandGroup[],
  io: CliIo,
): Promise<ExitCode> => {
  const json = argv.includes('--json');
  const help = argv.includes('--help') || argv.includes('-h');
  const words = argv.filter((a) => !a.startsWith('-'));
  const print = (text: string) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const fail = (error: unknown): ExitCode => {
    const { code, kind } = classify(error);
    io.stderr.write(`platform: error: ${oneLine(error)}\n`);
    if (json) print(JSON.stringify({ error: { kind, code, message: oneLine(error) } }));
    return code;
  };

  const [groupName, named] = words;
  if (!groupName) {
    print(topHelp(groups));
    return help ? EXIT.ok : EXIT.usage;
  }
  const group = groups.find((g) => g.name === groupName);
  if (!group) return fail(new UsageError(`unknown group "${groupName}"; try platform --help`));
  // A group's own command runs when no command word follows the group (only options, or none).
  const afterGroup = argv[argv.indexOf(groupName) + 1];
  const runsDefault = group.default && (afterGroup === undefined || afterGroup.startsWith('-'));
  const commandName = runsDefault ? '' : named;
  if (commandName === undefined) {
    print(groupHelp(group));
    return help ? EXIT.ok : EXIT.usage;
  }
  const command = runsDefault ? group.default : group.commands.find((c) => c.name === commandName);
  if (!command)
    return fail(
      new UsageError(
        `unknown command "${groupName} ${commandName}"; try platform ${groupName} --help`,
      ),
    );
  if (help) {
    print(commandHelp(group, command));
    return EXIT.ok;
  }

  let context: CliContext | undefined;
  try {
    const start = argv.indexOf(runsDefault ? groupName : commandName) + 1;
    const parsed = parseArgs({
      args: [...argv.slice(0, argv.indexOf(groupName)), ...argv.slice(start)],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        ...Object.fromEntries((command.options ?? []).map((o) => [o.name, { type: o.type }])),
      },
    });
    const required = (command.positionals ?? []).filter((p) => !p.optional);
    if (parsed.positionals.length < required.length)
      throw new UsageError(
        `missing <${required[parsed.positionals.length]!.name}>; try platform ${group.name} ${command.name} --help`,
      );
    if (parsed.positionals.length > (command.positionals ?? []).length)
      throw new UsageError(`unexpected argument ${parsed.positionals.at(-1)}`);
    context = createContext({
      json,
      stdout: io.stdout,
      stderr: io.stderr,
      env: io.env,
      workspace: io.workspace,
    });
    const result = await command.run(
      {
        positionals: parsed.positionals,
        options: parsed.values,
      },
      context,
    );
    print(json ? JSON.stringify(result.data) : result.text);
    return result.exitCode ?? EXIT.ok;
  } catch (error) {
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    )
      return fail(new UsageError(error.message));
    return fail(error);
  } finally {
    await context?.close();
  }
};
