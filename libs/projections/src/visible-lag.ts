import { metrics } from '@opentelemetry/api';

/** From a few milliseconds (a live projector) to minutes (one catching up after an outage). */
export const VISIBLE_LAG_BUCKETS_SECONDS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300,
];

/** The recent visible lag of a projection, as its status reports it. */
export interface VisibleLagSummary {
  /** Events made visible within the window (at most the samples kept). */
  readonly samples: number;
  readonly p50Seconds: number | null;
  readonly p99Seconds: number | null;
  readonly windowSeconds: number;
}

/** Nearest-rank quantile (q in 0..1) of ascending values; null when there are none. */
export const quantile = (ascending: readonly number[], q: number): number | null => {
  if (ascending.length === 0) return null;
  const rank = Math.min(ascending.length, Math.max(1, Math.ceil(q * ascending.length)));
  return ascending[rank - 1]!;
};

/**
 * Commit → visible, per projection: for every event a batch applied, the time from its commit in
 * the event store (the `ce_time` it was recorded with; the command's transaction is short, so
 * that is its commit to within milliseconds) to the commit of the projector's batch that made it
 * visible in the view. The one lag figure a reader feels: relay, Kafka and projector together.
 *
 * Exported as the histogram `ledgerline_projection_visible_lag_seconds{projection}` and kept for
 * the status RPC as the last `capacity` samples, summarised over `windowMs`.
 */
export const visibleLagRecorder = (
  projection: string,
  options: { windowMs?: number; capacity?: number } = {},
) => {
  const windowMs = options.windowMs ?? 5 * 60_000;
  const capacity = options.capacity ?? 4_096;
  // Looked up at start, not import, so a meter provider registered by main.ts first is used.
  const histogram = metrics
    .getMeter('ledgerline.projections')
    .createHistogram('ledgerline_projection_visible_lag_seconds', {
      description: 'Time from an event committed in the event store to visible in the view',
      unit: 's',
      advice: { explicitBucketBoundaries: VISIBLE_LAG_BUCKETS_SECONDS },
    });
  const attributes = { projection };
  // A ring of (visible at, lag): constant memory, whatever the throughput.
  const at = new Float64Array(capacity);
  const lag = new Float64Array(capacity);
  let next = 0;
  let size = 0;
  return {
    /** After a batch committed at `visibleAt` (ms), with its events' recorded times (ms). */
    record(eventTimes: readonly number[], visibleAt: number = Date.now()): void {
      for (const time of eventTimes) {
        // Clocks of two hosts may disagree by a little: never a negative lag.
        const seconds = Math.max(0, visibleAt - time) / 1000;
        histogram.record(seconds, attributes);
        at[next] = visibleAt;
        lag[next] = seconds;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
      }
    },
    summary(now: number = Date.now()): VisibleLagSummary {
      const recent: number[] = [];
      for (let i = 0; i < size; i += 1) if (at[i]! >= now - windowMs) recent.push(lag[i]!);
      recent.sort((a, b) => a - b);
      return {
        samples: recent.length,
        p50Seconds: quantile(recent, 0.5),
        p99Seconds: quantile(recent, 0.99),
        windowSeconds: windowMs / 1000,
      };
    },
  };
};

export type VisibleLagRecorder = ReturnType<typeof visibleLagRecorder>;
