// Original file: proto/ledgerline/platform/v1/projections_admin.proto

import type { PartitionStatus as _ledgerline_platform_v1_PartitionStatus, PartitionStatus__Output as _ledgerline_platform_v1_PartitionStatus__Output } from '../../../ledgerline/platform/v1/PartitionStatus';
import type { Long } from '@grpc/proto-loader';

export interface ProjectionStatus {
  /**
   * The projection's name, which keys its checkpoints.
   */
  'projection'?: (string);
  /**
   * "postgres" or "elasticsearch".
   */
  'sink'?: (string);
  /**
   * True when this process runs the projector (PROJECTORS_ENABLED); otherwise the status is read
   * from the shared checkpoints only, and the totals are zero.
   */
  'running'?: (boolean);
  /**
   * The consumer group replicas of the projection share.
   */
  'groupId'?: (string);
  /**
   * Totals since this process started the projector.
   */
  'applied'?: (number | string | Long);
  'duplicates'?: (number | string | Long);
  'skipped'?: (number | string | Long);
  'batches'?: (number | string | Long);
  /**
   * Events parked (poison, or waiting behind poison of their stream) now, across replicas.
   */
  'parked'?: (number | string | Long);
  /**
   * The last batch error while retrying; empty when healthy.
   */
  'lastError'?: (string);
  /**
   * Events in Kafka not yet applied.
   */
  'lagEvents'?: (number | string | Long);
  /**
   * Event-store head time minus the newest applied event's time; absent when unknown.
   */
  'lagSeconds'?: (number | string);
  'partitions'?: (_ledgerline_platform_v1_PartitionStatus)[];
  /**
   * Commit → visible in the view: for each event this process's projector applied within the
   * last visible_lag_window_seconds, the time from its commit in the event store to the commit of
   * the batch that made it visible (also the histogram ledgerline_projection_visible_lag_seconds).
   * Absent when no event was applied in the window (or the projector does not run here).
   */
  'visibleLagP50Seconds'?: (number | string);
  'visibleLagP99Seconds'?: (number | string);
  /**
   * Events the two figures above summarise.
   */
  'visibleLagSamples'?: (number | string | Long);
  'visibleLagWindowSeconds'?: (number | string);
  '_lagSeconds'?: "lagSeconds";
  '_visibleLagP50Seconds'?: "visibleLagP50Seconds";
  '_visibleLagP99Seconds'?: "visibleLagP99Seconds";
}

export interface ProjectionStatus__Output {
  /**
   * The projection's name, which keys its checkpoints.
   */
  'projection': (string);
  /**
   * "postgres" or "elasticsearch".
   */
  'sink': (string);
  /**
   * True when this process runs the projector (PROJECTORS_ENABLED); otherwise the status is read
   * from the shared checkpoints only, and the totals are zero.
   */
  'running': (boolean);
  /**
   * The consumer group replicas of the projection share.
   */
  'groupId': (string);
  /**
   * Totals since this process started the projector.
   */
  'applied': (string);
  'duplicates': (string);
  'skipped': (string);
  'batches': (string);
  /**
   * Events parked (poison, or waiting behind poison of their stream) now, across replicas.
   */
  'parked': (string);
  /**
   * The last batch error while retrying; empty when healthy.
   */
  'lastError': (string);
  /**
   * Events in Kafka not yet applied.
   */
  'lagEvents': (string);
  /**
   * Event-store head time minus the newest applied event's time; absent when unknown.
   */
  'lagSeconds'?: (number);
  'partitions': (_ledgerline_platform_v1_PartitionStatus__Output)[];
  /**
   * Commit → visible in the view: for each event this process's projector applied within the
   * last visible_lag_window_seconds, the time from its commit in the event store to the commit of
   * the batch that made it visible (also the histogram ledgerline_projection_visible_lag_seconds).
   * Absent when no event was applied in the window (or the projector does not run here).
   */
  'visibleLagP50Seconds'?: (number);
  'visibleLagP99Seconds'?: (number);
  /**
   * Events the two figures above summarise.
   */
  'visibleLagSamples': (string);
  'visibleLagWindowSeconds': (number);
  '_lagSeconds'?: "lagSeconds";
  '_visibleLagP50Seconds'?: "visibleLagP50Seconds";
  '_visibleLagP99Seconds'?: "visibleLagP99Seconds";
}
