import { servers, uniqueName } from '@ledgerline/testing';
import { createKafkaMessaging } from './kafkajs/kafkajs-messaging';
import { namespacedMessaging } from './namespaced';
import { type IncomingMessage } from './ports';

describe('namespaced messaging', () => {
  it('prefixes every topic on the broker while producers, consumers and the admin see plain names', async () => {
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
    const consumer = await messaging.consumer({
      groupId: uniqueName('ns-group'),
      topics: ['orders'],
      sessionTimeoutMs: 6_000,
    });
    try {
      expect(await rawAdmin.listTopics()).toContain(`${prefix}orders`);
      expect(await admin.listTopics()).toEqual(['orders']);
      await producer.send('orders', [{ key: 'k', value: 'v' }]);
      expect((await admin.latestOffsets('orders')).map((o) => o.offset)).toEqual(['1']);
      const received = await new Promise<IncomingMessage>((resolve) => {
        void consumer.run((batch) => {
          resolve(batch.messages[0]!);
          return Promise.resolve();
        });
      });
      expect([received.topic, received.key, received.value?.toString()]).toEqual([
        'orders',
        'k',
        'v',
      ]);
    } finally {
      await consumer.close();
      await producer.close();
      await admin.deleteTopics(['orders']);
      await admin.close();
      await rawAdmin.close();
    }
  });
});
