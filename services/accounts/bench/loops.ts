// Load loops and measures shared by the accounts benchmarks.
import { readFileSync } from 'node:fs';

export interface Outcome {
  readonly operations: number;
  readonly elapsedMs: number;
  readonly cpuMs: number;
}

/** `callers` loops of `operation` for `ms`, counting completed operations. */
export const closedLoop = async (
  callers: number,
  ms: number,
  operation: (caller: number, iteration: number) => Promise<unknown>,
): Promise<Outcome> => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let operations = 0;
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      for (let i = 0; performance.now() < started + ms; i++) {
        await operation(caller, i);
        operations++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    operations,
    elapsedMs: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
  };
};

/** `callers` loops on a fixed schedule totalling `rate`/s; latencies from the scheduled start. */
export const pacedLoop = async (
  callers: number,
  ms: number,
  rate: number,
  operation: (caller: number, iteration: number) => Promise<unknown>,
): Promise<number[]> => {
  const interval = (callers * 1000) / rate;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      let i = 0;
      for (let due = started + (caller * interval) / callers; due < started + ms; due += interval) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        await operation(caller, i++);
        latencies.push(performance.now() - due);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
};

export const perSecond = (o: Outcome): number => (o.operations * 1000) / o.elapsedMs;
export const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
export const cpuPerOp = (o: Outcome): string =>
  `${((o.cpuMs * 1000) / o.operations).toFixed(0)} µs`;

/** CPU time (ms) a process has used so far, from /proc (Linux): user + system clock ticks. */
export const processCpuMs = (pid: number | undefined): number => {
  if (pid === undefined) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};
