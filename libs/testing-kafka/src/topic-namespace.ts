import { createKafkaMessaging, namespacedMessaging } from '@ledgerline/messaging';
import { securityEnv, servers, uniqueName } from '@ledgerline/testing';

export type TopicNamespace = Awaited<ReturnType<typeof topicNamespace>>;

/**
 * Kafka names of a test's own: every topic and consumer group gets a unique prefix, so services
 * started by a test never publish to nor consume the platform's topics (`ledgerline.order.events`
 * …) that a platform running beside the tests reads. `serviceEnv` is how a test configures a
 * service it starts: the real servers with this prefix always set, no metrics endpoint unless `extra` asks. `remove` deletes the topics.
 */
export const topicNamespace = async (label = 'test') => {
  const s = await servers();
  const prefix = `${uniqueName(label)}.`;
  const messaging = namespacedMessaging(
    createKafkaMessaging({ brokers: s.kafkaBrokers, clientId: `${label}-namespace` }),
    prefix,
  );
  return {
    prefix,
    /** The broker as the namespace's services see it: plain topic names, prefixed on the wire. */
    messaging,
    /**
     * The environment of a service under test: the real servers, a free gRPC port, silent logs,
     * `extra`, and this namespace's KAFKA_TOPIC_PREFIX, which `extra` may not change.
     */
    serviceEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
      if (extra['KAFKA_TOPIC_PREFIX'] !== undefined && extra['KAFKA_TOPIC_PREFIX'] !== prefix)
        throw new Error(
          `topicNamespace: a service under test must use the namespace's KAFKA_TOPIC_PREFIX (${prefix}), not "${extra['KAFKA_TOPIC_PREFIX']}"`,
        );
      return {
        ...securityEnv(),
        POSTGRES_URL: s.postgresUrl,
        KAFKA_BROKERS: s.kafkaBrokers.join(','),
        REDIS_URL: s.redisUrl,
        ELASTICSEARCH_URL: s.elasticsearchUrl,
        GRPC_PORT: '0',
        LOG_LEVEL: 'silent',
        // No metrics endpoint unless the test asks: its default port is one for the whole host.
        METRICS_PORT: '0',
        ...extra,
        KAFKA_TOPIC_PREFIX: prefix,
      };
    },
    /** Deletes every topic of the namespace (category topics, dead-letter topics…). */
    async remove(): Promise<void> {
      const admin = await messaging.admin();
      try {
        const topics = await admin.listTopics();
        if (topics.length > 0) await admin.deleteTopics(topics);
      } finally {
        await admin.close();
      }
    },
  };
};
