// The machine-readable result every benchmark prints: one line `BENCH_JSON {…}` on stdout, next to
// its human-readable table, so `npm run bench -- all` collects figures without parsing prose.

/** A figure's goal (from issue 15 or the README): `value op limit`. */
export interface Target {
  readonly op: '>=' | '<=';
  readonly limit: number;
  readonly met: boolean;
}

export interface Figure {
  /** Stable within its benchmark across runs: the key a later run is compared by. */
  readonly key: string;
  readonly label: string;
  /** null when the run could not measure it (JSON has no NaN). */
  readonly value: number | null;
  readonly unit: string;
  readonly target?: Target;
}

/** Latency at one offered rate: a point of a throughput–latency curve. */
export interface CurvePoint {
  readonly offered: number;
  readonly achieved: number;
  readonly p50: number;
  readonly p99: number;
}

export interface Curve {
  readonly key: string;
  readonly label: string;
  /** Unit of `offered` and `achieved`, e.g. "commands/s"; latencies are in ms. */
  readonly rateUnit: string;
  readonly points: readonly CurvePoint[];
  /** The p99 a point should stay under (ms), drawn as a dashed line. */
  readonly p99Target?: number;
}

export type Parameters = Readonly<Record<string, string | number | boolean>>;

export interface BenchResult {
  readonly name: string;
  readonly startedAt: string;
  readonly parameters: Parameters;
  readonly figures: readonly Figure[];
  readonly curves: readonly Curve[];
}

export const BENCH_JSON_PREFIX = 'BENCH_JSON ';

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

/**
 * A figure; with a target, whether it is met. `met` overrides the comparison where a target has a
 * condition besides the number (e.g. "at 1,000/s" when the rate was not sustained).
 */
export const figure = (
  key: string,
  label: string,
  value: number,
  unit: string,
  target?: { readonly op: '>=' | '<='; readonly limit: number; readonly met?: boolean },
): Figure => {
  const measured = finite(value);
  if (!target) return { key, label, value: measured, unit };
  const compared =
    measured !== null && (target.op === '>=' ? measured >= target.limit : measured <= target.limit);
  return {
    key,
    label,
    value: measured,
    unit,
    target: { op: target.op, limit: target.limit, met: compared && (target.met ?? true) },
  };
};

export const resultLine = (result: BenchResult): string =>
  `${BENCH_JSON_PREFIX}${JSON.stringify(result)}`;

const isResult = (value: unknown): value is BenchResult => {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r['name'] === 'string' && Array.isArray(r['figures']) && Array.isArray(r['curves']);
};

/** Every result line in a benchmark's output; other lines (its tables, logs) are ignored. */
export const parseResultLines = (output: string): BenchResult[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith(BENCH_JSON_PREFIX))
    .map((line) => JSON.parse(line.slice(BENCH_JSON_PREFIX.length)) as unknown)
    .filter(isResult);

/** Prints the result line (the one place a benchmark writes it). */
export const emitResult = (result: BenchResult): void => {
  console.log(resultLine(result));
};
