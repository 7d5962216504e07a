import { toCloudEventMessage } from '@ledgerline/cloud-events';
import { type RecordedEvent } from '@ledgerline/event-store';
import { createKafkaMessaging, type OutgoingMessage } from '@ledgerline/messaging';
import { servers, uniqueName } from '@ledgerline/testing';

export type EventTopic = Awaited<ReturnType<typeof eventTopic>>;

/**
 * A topic of its own and a producer publishing in the relay's CloudEvents format, so consumers
 * are tested against what the relay sends without running one.
 */
export const eventTopic = async (partitions = 3) => {
  const messaging = createKafkaMessaging({
    brokers: (await servers()).kafkaBrokers,
    clientId: 'event-topic',
  });
  const topic = uniqueName('event-topic');
  const admin = await messaging.admin();
  await admin.ensureTopics([{ topic, partitions }]);
  const producer = await messaging.producer();
  const published: OutgoingMessage[] = [];
  return {
    topic,
    messaging,
    async publish(events: readonly RecordedEvent[]): Promise<void> {
      const messages = events.map((e) => toCloudEventMessage(e, 'ledgerline/test'));
      await producer.send(topic, messages);
      published.push(...messages);
    },
    /** Everything published so far, again, at new offsets: what a relay re-send looks like. */
    republish: () => producer.send(topic, [...published]),
    async close() {
      await producer.close();
      await admin.deleteTopics([topic]).catch(() => undefined);
      await admin.close();
    },
  };
};
