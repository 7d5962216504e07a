/** What `platform load` can send; `query` reads its own accounts, orders and payments. */
export const OPERATIONS = ['checkout', 'deposit', 'query'] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface MixEntry {
  readonly operation: Operation;
  readonly weight: number;
}

const isOperation = (name: string): name is Operation =>
  (OPERATIONS as readonly string[]).includes(name);

/**
 * `checkout,deposit,query` (equal shares) or `checkout=3,deposit=1,query=6` (relative weights).
 * Throws a RangeError naming the bad entry.
 */
export const parseMix = (text: string): MixEntry[] => {
  const entries = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part): MixEntry => {
      const [name = '', weightText] = part.split('=');
      if (!isOperation(name))
        throw new RangeError(
          `--mix: unknown operation "${name}" (one of ${OPERATIONS.join(', ')})`,
        );
      const weight = weightText === undefined ? 1 : Number(weightText);
      if (!Number.isSafeInteger(weight) || weight < 1)
        throw new RangeError(
          `--mix: the weight of ${name} must be an integer ≥ 1, not ${weightText}`,
        );
      return { operation: name, weight };
    });
  if (entries.length === 0) throw new RangeError('--mix names no operation');
  const names = entries.map((e) => e.operation);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) throw new RangeError(`--mix names ${repeated} twice`);
  return entries;
};

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `500ms`, `30s`, `2m`, `1h` → milliseconds (> 0). */
export const parseDuration = (text: string): number => {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2]!]! : NaN;
  if (!Number.isFinite(ms) || ms <= 0)
    throw new RangeError(`--duration must look like 30s, 2m or 500ms, not ${text}`);
  return Math.round(ms);
};

/** Calls per second: a positive number (fractions allowed: 0.5 is one call every 2 s). */
export const parseRate = (text: string): number => {
  const rate = Number(text);
  if (!Number.isFinite(rate) || rate <= 0 || rate > 100_000)
    throw new RangeError(`--rate must be a number of calls per second in (0, 100000], not ${text}`);
  return rate;
};
