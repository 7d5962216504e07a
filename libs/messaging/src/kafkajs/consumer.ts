import { type Kafka } from 'kafkajs';
import { type ConsumerSettings, type MessageConsumer, type PartitionAssignment } from '../ports';
import { decodeHeaders } from './headers';

export const createKafkaConsumer = async (
  kafka: Kafka,
  settings: ConsumerSettings,
): Promise<MessageConsumer> => {
  const consumer = kafka.consumer({
    groupId: settings.groupId,
    sessionTimeout: settings.sessionTimeoutMs ?? 10_000,
    heartbeatInterval: settings.heartbeatIntervalMs ?? 1_000,
    maxBytesPerPartition: settings.maxBytesPerPartition ?? 1_048_576,
    allowAutoTopicCreation: false,
    // An idle fetch waits at most this long; it also bounds how long close() takes.
    maxWaitTimeInMs: settings.maxWaitTimeMs ?? 250,
    retry: { retries: 8 },
  });
  const listeners: ((assignment: readonly PartitionAssignment[]) => void)[] = [];
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const assignment = Object.entries(payload.memberAssignment).map(([topic, partitions]) => ({
      topic,
      partitions,
    }));
    for (const listener of listeners) listener(assignment);
  });
  await consumer.connect();
  await consumer.subscribe({
    topics: [...settings.topics],
    fromBeginning: settings.fromBeginning ?? true,
  });

  return {
    async run(handler) {
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: settings.partitionsConcurrently ?? 1,
        eachBatch: async (payload) => {
          const { batch } = payload;
          if (!payload.isRunning() || payload.isStale() || batch.messages.length === 0) return;
          await handler({
            topic: batch.topic,
            partition: batch.partition,
            highWatermark: batch.highWatermark,
            heartbeat: () => payload.heartbeat(),
            messages: batch.messages.map((m) => ({
              topic: batch.topic,
              partition: batch.partition,
              offset: m.offset,
              key: m.key?.toString() ?? null,
              value: m.value,
              headers: decodeHeaders(m.headers),
              timestamp: m.timestamp,
            })),
          });
          const last = batch.messages[batch.messages.length - 1];
          if (last) payload.resolveOffset(last.offset);
          await payload.commitOffsetsIfNecessary();
          await payload.heartbeat();
        },
      });
    },
    seek(topic, partition, offset) {
      consumer.seek({ topic, partition, offset });
    },
    onAssignment(listener) {
      listeners.push(listener);
    },
    close: () => consumer.disconnect(),
  };
};
