import { servers, uniqueName } from '@ledgerline/testing';
import { createKafkaMessaging } from './kafkajs/kafkajs-messaging';
import { namespacedMessaging } from './namespaced';
import { type IncomingMessage, type MessageConsumer } from './ports';

const firstMessage = (consumer: MessageConsumer) =>
  new Promise<IncomingMessage>((resolve) => {
    void consumer.run((batch) => {
      resolve(batch.messages[0]!);
      return Promise.resolve();
    });
  });

describe('namespaced messaging', () => {
  it('prefixes every topic and consumer group on the broker while producers, consumers and the admin see plain names', async () => {
    const raw = createKafkaMessaging({
      brokers: (await servers()).kafkaBrokers,
      clientId: 'ns-test',
    });
    const prefix = `${uniqueName('ns')}.`;
    const messaging = namespacedMessaging(raw, prefix);
    const admin = await messaging.admin();
    const rawAdmin = await raw.admin();
    await admin.ensureTopics([{ topic: 'orders', partitions: 1 }]);
    const producer = await messaging.producer();
    const groupId = uniqueName('ns-group');
    const consumer = await messaging.consumer({
      groupId,
      topics: ['orders'],
      sessionTimeoutMs: 6_000,
    });
    let rawConsumer: MessageConsumer | undefined;
    try {
      expect(await rawAdmin.listTopics()).toContain(`${prefix}orders`);
      expect(await admin.listTopics()).toEqual(['orders']);
      await producer.send('orders', [{ key: 'k', value: 'v' }]);
      expect((await admin.latestOffsets('orders')).map((o) => o.offset)).toEqual(['1']);
      const received = await firstMessage(consumer);
      expect([received.topic, received.key, received.value?.toString()]).toEqual([
        'orders',
        'k',
        'v',
      ]);

      // The group is the namespace's too: on the broker it is `<prefix><groupId>`, and it
      // resumes after what the namespaced consumer committed (a group of the plain name would
      // start at the beginning and see 'v' first).
      await consumer.close();
      await producer.send('orders', [{ key: 'k', value: 'w' }]);
      rawConsumer = await raw.consumer({
        groupId: `${prefix}${groupId}`,
        topics: [`${prefix}orders`],
        sessionTimeoutMs: 6_000,
      });
      const next = await firstMessage(rawConsumer);
      expect([next.topic, next.value?.toString()]).toEqual([`${prefix}orders`, 'w']);
    } finally {
      await rawConsumer?.close();
      await consumer.close();
      await producer.close();
      await admin.deleteTopics(['orders']);
      await admin.close();
      await rawAdmin.close();
    }
  });
});
