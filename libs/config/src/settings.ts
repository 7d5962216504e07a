import { ConfigError } from './config-error';

/** One environment variable: how to parse it, what it means, and its default if optional. */
export interface Setting<T> {
  readonly description: string;
  readonly default?: T;
  parse(raw: string, name: string): T;
}

type Options<T> = { description: string; default?: T };

const setting = <T>(options: Options<T>, parse: (raw: string, name: string) => T): Setting<T> => ({
  ...options,
  parse,
});

export const str = (options: Options<string>): Setting<string> => setting(options, (raw) => raw);

export const int = (options: Options<number> & { min?: number; max?: number }): Setting<number> =>
  setting(options, (raw, name) => {
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value)) {
      throw new ConfigError(name, `must be an integer, got "${raw}"`);
    }
    if (options.min !== undefined && value < options.min)
      throw new ConfigError(name, `must be >= ${options.min}, got ${value}`);
    if (options.max !== undefined && value > options.max)
      throw new ConfigError(name, `must be <= ${options.max}, got ${value}`);
    return value;
  });

export const port = (options: Options<number>): Setting<number> =>
  int({ ...options, min: 0, max: 65_535 });

export const bool = (options: Options<boolean>): Setting<boolean> =>
  setting(options, (raw, name) => {
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    throw new ConfigError(name, `must be true or false, got "${raw}"`);
  });

export const url = (options: Options<string> & { protocols: readonly string[] }): Setting<string> =>
  setting(options, (raw, name) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(
        name,
        `must be a URL (${options.protocols.join(' or ')}), got "${raw}"`,
      );
    }
    if (!options.protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      throw new ConfigError(
        name,
        `must use ${options.protocols.join(' or ')}, got "${parsed.protocol}"`,
      );
    }
    return raw;
  });

/** A comma-separated list of host:port pairs, as Kafka bootstrap servers are given. */
export const hostPorts = (options: Options<readonly string[]>): Setting<readonly string[]> =>
  setting(options, (raw, name) => {
    const items = raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    if (items.length === 0) throw new ConfigError(name, 'must list at least one host:port');
    for (const item of items) {
      const match = /^(?<host>[^:\s]+):(?<port>\d{1,5})$/.exec(item);
      const portNumber = Number(match?.groups?.['port']);
      if (!match || portNumber < 1 || portNumber > 65_535)
        throw new ConfigError(name, `has "${item}", expected host:port`);
    }
    return items;
  });

export const oneOf = <const T extends string>(
  values: readonly T[],
  options: Options<T>,
): Setting<T> =>
  setting(options, (raw, name) => {
    if (!(values as readonly string[]).includes(raw)) {
      throw new ConfigError(name, `must be one of ${values.join(', ')}, got "${raw}"`);
    }
    return raw as T;
  });

/**
 * Prepended to Kafka topic names, so only the characters Kafka allows in a topic name, and short
 * enough to leave room for the name itself (Kafka's limit is 249).
 */
export const topicPrefix = (options: Options<string>): Setting<string> =>
  setting(options, (raw, name) => {
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(raw))
      throw new ConfigError(name, `must be up to 100 of A-Z a-z 0-9 . _ -, got "${raw}"`);
    return raw;
  });
