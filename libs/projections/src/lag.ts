import { metrics, type ObservableResult } from '@opentelemetry/api';
import { type TopicAdmin } from '@ledgerline/messaging';
import { type Pool } from 'pg';
import { partitionLag, storeLagSeconds } from './decisions';
import { type RuntimeState } from './runtime-state';

/** Where the event store's log ends, e.g. from `PostgresEventStore.headCheckpoint` + its time. */
export type HeadSource = () => Promise<{ position: number; time: Date | string }>;

export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  readonly latestOffset: string;
  /** Last applied offset; undefined when nothing of this partition was applied yet. */
  readonly appliedOffset: string | undefined;
  readonly events: number;
}

export interface ProjectionLag {
  /** Behind Kafka: sum over partitions of latest offset − next offset to apply. */
  readonly events: number;
  /** Behind the event store (needs a head source): head time − newest applied event's time. */
  readonly seconds: number | null;
  readonly newestApplied: { readonly position: number; readonly time: string } | null;
  readonly head: { readonly position: number; readonly time: string } | null;
  readonly partitions: readonly PartitionLag[];
}

export const measureLag = async (input: {
  pool: Pool;
  state: RuntimeState;
  admin: TopicAdmin;
  projection: { name: string; topics: readonly string[] };
  headSource?: HeadSource | undefined;
}): Promise<ProjectionLag> => {
  const applied = await input.state.appliedOffsets(input.pool, input.projection.name);
  const byPartition = new Map(applied.map((row) => [`${row.topic}/${row.partition}`, row]));
  const partitions: PartitionLag[] = [];
  for (const topic of input.projection.topics) {
    for (const { partition, offset } of await input.admin.latestOffsets(topic)) {
      const appliedOffset = byPartition.get(`${topic}/${partition}`)?.offset;
      partitions.push({
        topic,
        partition,
        latestOffset: offset,
        appliedOffset,
        events: partitionLag(offset, appliedOffset),
      });
    }
  }
  let newest: { position: number; time: Date } | undefined;
  for (const row of applied) {
    if (row.position !== null && row.eventTime && (!newest || row.position > newest.position))
      newest = { position: row.position, time: row.eventTime };
  }
  const head = input.headSource ? await input.headSource() : undefined;
  return {
    events: partitions.reduce((sum, p) => sum + p.events, 0),
    seconds: head ? storeLagSeconds(head, newest, new Date()) : null,
    newestApplied: newest ? { position: newest.position, time: newest.time.toISOString() } : null,
    head: head ? { position: head.position, time: new Date(head.time).toISOString() } : null,
    partitions,
  };
};

/**
 * Publishes a projection's last measured lag as the `ledgerline_projection_lag_events` and
 * `ledgerline_projection_lag_seconds` gauges, and its parked events (poison and those waiting
 * behind it, across replicas) as `ledgerline_projection_parked_events` (attribute `projection`).
 * Returns the unregister.
 */
export const registerLagGauges = (
  projection: string,
  current: () => ProjectionLag | undefined,
  parkedNow: () => number | undefined = () => undefined,
): (() => void) => {
  // Looked up at start, not import, so a meter provider registered by main.ts first is used.
  const meter = metrics.getMeter('ledgerline.projections');
  const events = meter.createObservableGauge('ledgerline_projection_lag_events', {
    description: 'Events in Kafka not yet applied by the projection',
  });
  const seconds = meter.createObservableGauge('ledgerline_projection_lag_seconds', {
    description: 'Event-store head time minus the newest applied event time',
    unit: 's',
  });
  const parked = meter.createObservableGauge('ledgerline_projection_parked_events', {
    description:
      'Events parked by the projection (poison, or waiting behind poison of their stream)',
  });
  const observeParked = (result: ObservableResult) => {
    const count = parkedNow();
    if (count !== undefined) result.observe(count, { projection });
  };
  const observeEvents = (result: ObservableResult) => {
    const lag = current();
    if (lag) result.observe(lag.events, { projection });
  };
  const observeSeconds = (result: ObservableResult) => {
    const lag = current();
    if (lag?.seconds !== null && lag?.seconds !== undefined)
      result.observe(lag.seconds, { projection });
  };
  events.addCallback(observeEvents);
  seconds.addCallback(observeSeconds);
  parked.addCallback(observeParked);
  return () => {
    parked.removeCallback(observeParked);
    events.removeCallback(observeEvents);
    seconds.removeCallback(observeSeconds);
  };
};
