// deposit.bench.ts --against: this checkout's accounts service and another's, measured in turns.
import { CALLERS, type DepositTarget, type PeakRun, peakOf } from './deposit-target';
import { pacedLoop, perSecond, quantile } from './loops';

export interface SideResult {
  readonly label: string;
  readonly runs: readonly PeakRun[];
  /** Latencies (sorted) paced at `pacedRate`. */
  readonly latencies: readonly number[];
}

export interface AbResult {
  readonly sides: readonly [SideResult, SideResult];
  readonly pacedRate: number;
}

type Target = DepositTarget & { readonly pid: number | undefined };

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle)
    ? ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2
    : (sorted[Math.floor(middle)] ?? Number.NaN);
};

export const rateOf = (side: SideResult): number =>
  median(side.runs.map((run) => perSecond(run.peak)));
export const cpuPerCommandOf = (run: PeakRun): number =>
  (run.serverCpuMs * 1000) / run.peak.operations;
export const medianCpuOf = (side: SideResult): number => median(side.runs.map(cpuPerCommandOf));

/**
 * `rounds` closed loops of each target, the first of each round alternating (so a drift of the
 * host's load falls on both alike), then both paced at half the lower median peak, in turns.
 */
export const abRounds = async (
  targets: readonly [Target, Target],
  rounds: number,
  ms: number,
): Promise<AbResult> => {
  const runs: [PeakRun[], PeakRun[]] = [[], []];
  for (let round = 0; round < rounds; round++)
    for (const side of round % 2 === 0 ? [0, 1] : [1, 0]) {
      const run = await peakOf(targets[side]!, ms);
      runs[side]!.push(run);
      console.error(
        `deposit A/B round ${round + 1}, ${targets[side]!.label}: ${perSecond(run.peak).toFixed(0)} commands/s, service CPU ${cpuPerCommandOf(run).toFixed(0)} µs/command`,
      );
    }
  const pacedRate =
    Math.min(...runs.map((sideRuns) => median(sideRuns.map((run) => perSecond(run.peak))))) / 2;
  const latencies: [number[], number[]] = [[], []];
  for (const side of [1, 0])
    latencies[side] = await pacedLoop(CALLERS, ms, pacedRate, targets[side]!.deposit);
  const sideOf = (side: 0 | 1): SideResult => ({
    label: targets[side].label,
    runs: runs[side],
    latencies: latencies[side],
  });
  return { sides: [sideOf(0), sideOf(1)], pacedRate };
};

/** The A/B table, one row per service. */
export const printAb = (ab: AbResult, ms: number): void => {
  console.log(
    `\n### A/B: DepositFunds, ${ab.sides[0].runs.length} rounds of ${ms / 1000} s per service, alternated\n`,
  );
  console.log(
    '| service | commands/s (rounds; median) | service CPU µs/command (rounds; median) | paced at ' +
      ab.pacedRate.toFixed(0) +
      '/s: p50 / p99 |',
  );
  console.log('|---|---|---|---|');
  for (const side of ab.sides)
    console.log(
      `| ${side.label} | ${side.runs.map((run) => perSecond(run.peak).toFixed(0)).join(', ')}; **${rateOf(side).toFixed(0)}** | ${side.runs.map((run) => cpuPerCommandOf(run).toFixed(0)).join(', ')}; **${medianCpuOf(side).toFixed(0)}** | ${quantile(side.latencies, 0.5).toFixed(2)} ms / ${quantile(side.latencies, 0.99).toFixed(2)} ms |`,
    );
};
