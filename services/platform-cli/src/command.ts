import { type CliContext } from './context';
import { type ExitCode } from './exit-codes';

export interface OptionSpec {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly description: string;
  /** Shown in help; the command applies it. */
  readonly default?: string;
}

export interface Positional {
  readonly name: string;
  readonly description: string;
  readonly optional?: boolean;
}

export interface Parsed {
  readonly positionals: readonly string[];
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
}

/** What a command hands back: data for `--json`, text for people, and how to exit. */
export interface CommandResult {
  readonly data: unknown;
  readonly text: string;
  readonly exitCode?: ExitCode;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly positionals?: readonly Positional[];
  readonly options?: readonly OptionSpec[];
  /** Extra help text (examples, what the exit codes mean for this command). */
  readonly details?: string;
  run(parsed: Parsed, context: CliContext): Promise<CommandResult>;
}

/** One file per group (`groups/<name>.ts`), listed once in `groups/index.ts`. */
export interface CommandGroup {
  readonly name: string;
  readonly summary: string;
  readonly commands: readonly Command[];
  /** Run by `platform <group> [options]` itself (its name is ''), e.g. `platform load --rate 5`. */
  readonly default?: Command;
}

/** A usage error: exit code 2, the message names the bad input. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Something named that does not exist: exit code 3. */
export class NotFound extends Error {
  override readonly name = 'NotFound';
}

export const stringOption = (parsed: Parsed, name: string): string | undefined => {
  const value = parsed.options[name];
  return typeof value === 'string' ? value : undefined;
};

export const intOption = (parsed: Parsed, name: string, fallback: number, min = 0): number => {
  const raw = stringOption(parsed, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}, not ${raw}`);
  return value;
};
