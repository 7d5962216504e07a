// One `npm run bench -- all`: every benchmark's result, what failed, and the host it ran on.
import type { BenchResult } from './result';

export interface BenchFailure {
  readonly name: string;
  readonly exitCode: number | null;
  /** The last lines of its output, to tell why without rerunning it. */
  readonly tail: string;
}

export interface HostInfo {
  readonly cpus: number;
  readonly model: string;
  readonly memoryGiB: number;
  readonly node: string;
  /** 1-minute load average when the run started: a busy host gives low figures. */
  readonly loadAverage: number;
}

export interface BenchRun {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly host: HostInfo;
  /** Per benchmark, its wall time (setup included). */
  readonly durations: Readonly<Record<string, number>>;
  readonly results: readonly BenchResult[];
  readonly failures: readonly BenchFailure[];
}

/** `2026-12-07T14-05Z`: sorts by time and is a valid file name everywhere. */
export const runStamp = (at: Date): string => `${at.toISOString().slice(0, 16).replace(':', '-')}Z`;

const STAMPED = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}Z\.json$/;

/** The newest results file older than `current` among `files` (names in bench-results/). */
export const previousResultsFile = (
  files: readonly string[],
  current: string,
): string | undefined =>
  files
    .filter((file) => STAMPED.test(file) && file < current)
    .sort()
    .at(-1);
