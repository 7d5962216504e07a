import { type Admin, type Kafka, KafkaJSError } from 'kafkajs';
import { type TopicAdmin, type TopicSpec } from '../ports';
import { classifyBrokerError, type StartupBudget, untilBrokerSettles } from './broker-states';

/** Read as LEADER_NOT_AVAILABLE by the startup wait: a partition the broker has not led yet. */
class PartitionsWithoutLeader extends KafkaJSError {
  readonly type = 'LEADER_NOT_AVAILABLE';
}

const createMissing = async (admin: Admin, specs: readonly TopicSpec[]): Promise<void> => {
  try {
    // Leaders are awaited below for every topic, including those another starter created.
    await admin.createTopics({
      waitForLeaders: false,
      topics: specs.map((spec) => ({
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
    // Several starters race to create the same topics: "already exists" is success.
    if (classifyBrokerError(error).kind !== 'exists') throw error;
  }
};

const requireLeaders = async (admin: Admin, topics: readonly string[]): Promise<void> => {
  const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
  const leaderless = topics.filter((topic) => {
    const partitions = metadata.topics.find((t) => t.name === topic)?.partitions ?? [];
    return partitions.length === 0 || partitions.some((p) => p.leader < 0);
  });
  if (leaderless.length > 0)
    throw new PartitionsWithoutLeader(`partitions without a leader yet: ${leaderless.join(', ')}`);
  // The broker announces a leader in its metadata a moment before that leader serves the
  // partition (NOT_LEADER_OR_FOLLOWER): asking every partition for its offsets proves it does.
  for (const topic of topics) await admin.fetchTopicOffsets(topic);
};

export const createKafkaAdmin = async (
  kafka: Kafka,
  budget: StartupBudget,
): Promise<TopicAdmin> => {
  const admin = kafka.admin();
  await admin.connect();
  return {
    async ensureTopics(specs) {
      if (specs.length === 0) return;
      const topics = specs.map((spec) => spec.topic);
      // Asking to create every topic (not just those listed as missing) keeps one answer for
      // "exists", and waiting for every partition's leader keeps the callers' next metadata,
      // offset and group requests from meeting a topic the broker is still setting up.
      await untilBrokerSettles(
        `leaders of ${topics.join(', ')}`,
        async () => {
          await createMissing(admin, specs);
          await requireLeaders(admin, topics);
        },
        budget,
      );
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
