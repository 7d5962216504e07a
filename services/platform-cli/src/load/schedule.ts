import { type MixEntry, type Operation } from './options';

/** How many calls a run of `durationMs` at `rate` per second sends in all. */
export const plannedCalls = (rate: number, durationMs: number): number =>
  Math.max(1, Math.round((rate * durationMs) / 1_000));

/**
 * Open loop: how many calls are due `elapsedMs` after the start, whatever became of the earlier
 * ones. Call n (from 0) is due at n / rate seconds, so the first is due at once; never more than
 * `planned`. A slow platform therefore meets the same arrival rate and shows it as latency and
 * calls in flight, instead of quietly being sent less.
 */
export const callsDue = (elapsedMs: number, rate: number, planned: number): number =>
  elapsedMs < 0 ? 0 : Math.min(planned, Math.floor((elapsedMs * rate) / 1_000) + 1);

/**
 * Spreads operations by weight, evenly over time (smooth weighted round robin): with weights
 * checkout=1, query=2 every three calls hold one checkout and two queries, interleaved, so a
 * short run sends the same mix as a long one and tests can predict it.
 */
export const mixPicker = (mix: readonly MixEntry[]): (() => Operation) => {
  const total = mix.reduce((sum, entry) => sum + entry.weight, 0);
  const current = mix.map(() => 0);
  return () => {
    let best = 0;
    mix.forEach((entry, i) => {
      current[i]! += entry.weight;
      if (current[i]! > current[best]!) best = i;
    });
    current[best]! -= total;
    return mix[best]!.operation;
  };
};
