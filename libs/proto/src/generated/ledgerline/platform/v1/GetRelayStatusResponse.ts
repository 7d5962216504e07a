// Original file: proto/ledgerline/platform/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface GetRelayStatusResponse {
  /**
   * False when this process runs no relay (RELAY_ENABLED=false).
   */
  'enabled'?: (boolean);
  /**
   * The relay's name: relays sharing it share one checkpoint and one leader.
   */
  'name'?: (string);
  /**
   * True when this process holds the leader lock and publishes.
   */
  'leader'?: (boolean);
  /**
   * The checkpoint: the last published event's transaction id and global position.
   */
  'checkpointTransactionId'?: (string);
  'checkpointPosition'?: (number | string | Long);
  /**
   * Events published by this process since it started.
   */
  'published'?: (number | string | Long);
  /**
   * Committed events not yet published, and the age of the oldest of them in seconds.
   */
  'lagEvents'?: (number | string | Long);
  'lagSeconds'?: (number | string);
  /**
   * The last publish error while Kafka is unreachable; empty when healthy.
   */
  'lastError'?: (string);
}

export interface GetRelayStatusResponse__Output {
  /**
   * False when this process runs no relay (RELAY_ENABLED=false).
   */
  'enabled': (boolean);
  /**
   * The relay's name: relays sharing it share one checkpoint and one leader.
   */
  'name': (string);
  /**
   * True when this process holds the leader lock and publishes.
   */
  'leader': (boolean);
  /**
   * The checkpoint: the last published event's transaction id and global position.
   */
  'checkpointTransactionId': (string);
  'checkpointPosition': (string);
  /**
   * Events published by this process since it started.
   */
  'published': (string);
  /**
   * Committed events not yet published, and the age of the oldest of them in seconds.
   */
  'lagEvents': (string);
  'lagSeconds': (number);
  /**
   * The last publish error while Kafka is unreachable; empty when healthy.
   */
  'lastError': (string);
}
