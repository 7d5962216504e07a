// A figure next to the same figure of an earlier run (same benchmark name and figure key).
import type { BenchRun } from './run';
import type { Figure } from './result';

export interface Comparison {
  readonly previous: number | null;
  /** value / previous − 1, when both exist and previous is not 0. */
  readonly change: number | null;
}

export const previousFigure = (
  previous: BenchRun | undefined,
  bench: string,
  key: string,
): Figure | undefined =>
  previous?.results.find((r) => r.name === bench)?.figures.find((f) => f.key === key);

export const compare = (current: Figure, before: Figure | undefined): Comparison => {
  const previous = before?.value ?? null;
  const change =
    previous !== null && previous !== 0 && current.value !== null
      ? current.value / previous - 1
      : null;
  return { previous, change };
};
