// Original file: proto/ledgerline/platform/v1/projections_admin.proto

import type { Long } from '@grpc/proto-loader';

export interface PartitionStatus {
  'topic'?: (string);
  'partition'?: (number);
  /**
   * The offset the next message will get.
   */
  'latestOffset'?: (number | string | Long);
  /**
   * The last applied offset; -1 when nothing of the partition was applied yet.
   */
  'appliedOffset'?: (number | string | Long);
  'lagEvents'?: (number | string | Long);
}

export interface PartitionStatus__Output {
  'topic': (string);
  'partition': (number);
  /**
   * The offset the next message will get.
   */
  'latestOffset': (string);
  /**
   * The last applied offset; -1 when nothing of the partition was applied yet.
   */
  'appliedOffset': (string);
  'lagEvents': (string);
}
