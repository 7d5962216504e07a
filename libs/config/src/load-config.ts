import { ConfigError } from './config-error';
import { type Setting } from './settings';

export type ConfigSpec = Record<string, Setting<unknown>>;
export type ConfigOf<Spec extends ConfigSpec> = {
  readonly [K in keyof Spec]: Spec[K] extends Setting<infer T> ? T : never;
};

/**
 * Reads every setting of `spec` from the environment. Fails fast on the first missing or
 * malformed variable with a ConfigError that names it; an empty string counts as missing.
 */
export const loadConfig = <Spec extends ConfigSpec>(
  spec: Spec,
  source: Readonly<Record<string, string | undefined>> = process.env,
): ConfigOf<Spec> => {
  const entries = Object.entries(spec).map(([name, setting]) => {
    const raw = source[name];
    if (raw === undefined || raw === '') {
      if ('default' in setting) return [name, setting.default];
      throw new ConfigError(name, `is required (${setting.description})`);
    }
    return [name, setting.parse(raw, name)];
  });
  return Object.fromEntries(entries) as ConfigOf<Spec>;
};
