import { type Kafka } from 'kafkajs';
import { type TopicAdmin } from '../ports';

const onlyAlreadyExists = (error: unknown): boolean => {
  const errors = (error as { errors?: { type?: string }[] }).errors;
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((e) => e.type === 'TOPIC_ALREADY_EXISTS')
  );
};

export const createKafkaAdmin = async (kafka: Kafka): Promise<TopicAdmin> => {
  const admin = kafka.admin();
  await admin.connect();
  return {
    async ensureTopics(specs) {
      const existing = new Set(await admin.listTopics());
      const missing = specs.filter((spec) => !existing.has(spec.topic));
      if (missing.length === 0) return;
      // Several starters may race to create the same topic; "already exists" is success.
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((spec) => ({
            topic: spec.topic,
            numPartitions: spec.partitions,
            replicationFactor: spec.replicationFactor ?? 1,
            configEntries: Object.entries(spec.configs ?? {}).map(([name, value]) => ({
              name,
              value,
            })),
          })),
        });
      } catch (error) {
        if (!onlyAlreadyExists(error)) throw error;
      }
    },
    listTopics: () => admin.listTopics(),
    async deleteTopics(topics) {
      if (topics.length > 0) await admin.deleteTopics({ topics: [...topics] });
    },
    async latestOffsets(topic) {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.map(({ partition, offset }) => ({ partition, offset }));
    },
    async offsetRanges(topic) {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.map(({ partition, low, high }) => ({
        partition,
        earliest: low,
        latest: high,
      }));
    },
    async offsetsAtTime(topic, timestampMs) {
      const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, timestampMs);
      return offsets.map(({ partition, offset }) => ({ partition, offset }));
    },
    async deleteRecords(topic, partitions) {
      if (partitions.length === 0) return;
      // deleteTopicRecords reads the partitions' leaders from metadata it does not load itself.
      await admin.fetchTopicMetadata({ topics: [topic] });
      await admin.deleteTopicRecords({
        topic,
        partitions: partitions.map(({ partition, before }) => ({ partition, offset: before })),
      });
    },
    close: () => admin.disconnect(),
  };
};
