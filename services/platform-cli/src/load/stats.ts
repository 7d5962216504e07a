import { type Operation } from './options';

/** Nearest-rank percentile (p in 0..100) of ascending values; 0 for none. */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
};

export type StatsName = Operation | 'setup';

export interface OperationSummary {
  readonly operation: StatsName;
  readonly count: number;
  readonly ok: number;
  /** Failed operations by gRPC status name (e.g. DEADLINE_EXCEEDED), or TIMEOUT for a checkout. */
  readonly errors: Readonly<Record<string, number>>;
  /** Attempts repeated after UNAVAILABLE or RESOURCE_EXHAUSTED (not errors unless they ran out). */
  readonly retries: number;
  /** Finished operations per second over the run. */
  readonly throughput: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Counts and latencies of one operation. */
export class OperationStats {
  count = 0;
  ok = 0;
  retries = 0;
  readonly errors = new Map<string, number>();
  private readonly latencies: number[] = [];

  constructor(readonly operation: StatsName) {}

  succeeded(latencyMs: number): void {
    this.count += 1;
    this.ok += 1;
    this.latencies.push(latencyMs);
  }

  failed(code: string): void {
    this.count += 1;
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  get errorCount(): number {
    return this.count - this.ok;
  }

  /** Latencies of successful operations, ascending (sorted on every call: summaries are rare). */
  sortedLatencies(from = 0): number[] {
    return this.latencies.slice(from).sort((a, b) => a - b);
  }

  get latencyCount(): number {
    return this.latencies.length;
  }

  summary(elapsedMs: number): OperationSummary {
    const sorted = this.sortedLatencies();
    return {
      operation: this.operation,
      count: this.count,
      ok: this.ok,
      errors: Object.fromEntries([...this.errors].sort(([a], [b]) => a.localeCompare(b))),
      retries: this.retries,
      throughput: elapsedMs > 0 ? (this.count * 1_000) / elapsedMs : 0,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
    };
  }
}
