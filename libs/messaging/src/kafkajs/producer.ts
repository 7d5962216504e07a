import { CompressionTypes, type Kafka, Partitioners } from 'kafkajs';
import { type MessageProducer, type OutgoingMessage } from '../ports';
import { useLeanKafkaEncoding } from './lean-encoder';
import { publishSpans } from './publish-spans';

// Once per process, before the first record is encoded (see lean-encoder.ts).
useLeanKafkaEncoding();

const toKafka = (messages: readonly OutgoingMessage[]) =>
  messages.map((m) => ({ key: m.key, value: m.value, headers: { ...m.headers } }));

/**
 * Idempotent producer with acks from all in-sync replicas. One request in flight per broker
 * connection: kafkajs only guarantees order across retries that way.
 */
export const createKafkaProducer = async (kafka: Kafka): Promise<MessageProducer> => {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // Murmur2 over the key, as the Java client does: a stream lands on the same partition
    // whichever client published it.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return {
    async send(topic, messages) {
      if (messages.length === 0) return;
      const kafkaMessages = toKafka(messages);
      const spans = publishSpans([{ topic, messages: kafkaMessages }]);
      await spans.around(() =>
        producer.send({
          topic,
          acks: -1,
          compression: CompressionTypes.None,
          messages: kafkaMessages,
        }),
      );
    },
    async sendMany(batches) {
      const topicMessages = batches
        .filter((batch) => batch.messages.length > 0)
        .map((batch) => ({ topic: batch.topic, messages: toKafka(batch.messages) }));
      if (topicMessages.length === 0) return;
      await publishSpans(topicMessages).around(() =>
        producer.sendBatch({ acks: -1, topicMessages }),
      );
    },
    close: () => producer.disconnect(),
  };
};
