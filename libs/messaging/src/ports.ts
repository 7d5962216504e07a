/**
 * The platform's only view of the message broker. Everything above this file speaks these
 * interfaces; the kafkajs adapter beside it is the one place that knows the client library,
 * so the client can be replaced without touching the relay, projectors or sagas.
 */

export type Headers = Readonly<Record<string, string>>;

export interface OutgoingMessage {
  readonly key: string;
  readonly value: Buffer | string;
  readonly headers?: Headers;
}

export interface IncomingMessage {
  readonly topic: string;
  readonly partition: number;
  /** Broker offsets are 64-bit: kept as decimal strings. */
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Headers;
  readonly timestamp: string;
}

export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor?: number;
  readonly configs?: Readonly<Record<string, string>>;
}

export interface MessageProducer {
  /**
   * Sends messages in order and resolves once every one is acknowledged by all in-sync
   * replicas. Rejects if any could not be written; the caller decides whether to retry.
   */
  send(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  /** Several topics in one request, each in its own order. */
  sendMany(
    batches: readonly { topic: string; messages: readonly OutgoingMessage[] }[],
  ): Promise<void>;
  close(): Promise<void>;
}

export interface ConsumedBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly IncomingMessage[];
  /** Offset of the partition's newest message on the broker (for lag), when known. */
  readonly highWatermark: string;
  /**
   * Tells the group this member is alive; a handler that runs longer than the session timeout
   * calls it now and then. Rejects when the group is rebalancing: the caller may ignore that.
   */
  heartbeat(): Promise<void>;
}

export interface ConsumerSettings {
  readonly groupId: string;
  readonly topics: readonly string[];
  /**
   * Where a group that never committed on a topic starts: its beginning (default), or its end
   * as of the group's first start (`false`), remembered by the broker, so a member that joins
   * later still reads everything published since.
   */
  readonly fromBeginning?: boolean;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  readonly maxBytesPerPartition?: number;
  readonly maxWaitTimeMs?: number;
  /**
   * How many partitions' batches the handler may process at once (default 1). Each partition's
   * batches still arrive one after another, in offset order.
   */
  readonly partitionsConcurrently?: number;
  /**
   * Handled offsets are committed to the broker at most this often (default 0: after every
   * batch, before the next). A consumer that keeps its own offsets (a projector's are in its
   * database) saves a broker round trip per batch with a few seconds; after a crash the group
   * then resumes at most that far back.
   */
  readonly commitIntervalMs?: number;
}

export interface PartitionAssignment {
  readonly topic: string;
  readonly partitions: readonly number[];
}

export interface MessageConsumer {
  /**
   * Delivers batches per partition, in offset order. Offsets of a batch are committed only
   * after its handler resolves; a handler that rejects stops the batch so it is redelivered.
   */
  run(handler: (batch: ConsumedBatch) => Promise<void>): Promise<void>;
  /** Moves a partition's read position; the next batch starts at `offset`. */
  seek(topic: string, partition: number, offset: string): void;
  /** Called with this member's partitions after every rebalance. */
  onAssignment(listener: (assignment: readonly PartitionAssignment[]) => void): void;
  close(): Promise<void>;
}

export interface PartitionRange {
  readonly partition: number;
  readonly earliest: string;
  readonly latest: string;
}

export interface TopicAdmin {
  /** Creates missing topics with the given partitions and configs; leaves existing ones alone. */
  ensureTopics(specs: readonly TopicSpec[]): Promise<void>;
  listTopics(): Promise<readonly string[]>;
  deleteTopics(topics: readonly string[]): Promise<void>;
  /** Latest offset per partition (the offset the next message will get). */
  latestOffsets(topic: string): Promise<readonly { partition: number; offset: string }[]>;
  /**
   * Per partition, the first offset still held (retention and record deletion raise it) and the
   * latest (the offset the next message will get).
   */
  offsetRanges(topic: string): Promise<readonly PartitionRange[]>;
  /**
   * Per partition, the first offset whose message timestamp is at or after `timestampMs`; the
   * latest offset when no message is that new.
   */
  offsetsAtTime(
    topic: string,
    timestampMs: number,
  ): Promise<readonly { partition: number; offset: string }[]>;
  /** Deletes every message below `before` on each partition given (as retention would). */
  deleteRecords(
    topic: string,
    partitions: readonly { partition: number; before: string }[],
  ): Promise<void>;
  close(): Promise<void>;
}

export interface Messaging {
  producer(): Promise<MessageProducer>;
  consumer(settings: ConsumerSettings): Promise<MessageConsumer>;
  admin(): Promise<TopicAdmin>;
}
