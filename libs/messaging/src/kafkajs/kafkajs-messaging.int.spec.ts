import { servers, uniqueName } from '@ledgerline/testing';
import { createKafkaMessaging } from './kafkajs-messaging';
import { type IncomingMessage } from '../ports';

describe('kafkajs messaging against the real broker', () => {
  it('creates a topic, produces in order and consumes with a consumer group', async () => {
    const messaging = createKafkaMessaging({
      brokers: (await servers()).kafkaBrokers,
      clientId: 'messaging-test',
    });
    const topic = uniqueName('messaging');
    const admin = await messaging.admin();
    const producer = await messaging.producer();
    const consumer = await (async () => {
      await admin.ensureTopics([{ topic, partitions: 2, configs: { 'retention.ms': '3600000' } }]);
      await admin.ensureTopics([{ topic, partitions: 2 }]); // idempotent
      return messaging.consumer({
        groupId: uniqueName('group'),
        topics: [topic],
        sessionTimeoutMs: 6_000,
      });
    })();
    try {
      expect(await admin.listTopics()).toContain(topic);
      const sent = Array.from({ length: 20 }, (_, i) => ({
        key: `stream-${i % 3}`,
        value: JSON.stringify({ n: i }),
        headers: { ce_id: `id-${i}` },
      }));
      await producer.send(topic, sent);

      const received: IncomingMessage[] = [];
      const done = new Promise<void>((resolve) => {
        void consumer.run(async (batch) => {
          received.push(...batch.messages);
          if (received.length >= sent.length) resolve();
          return Promise.resolve();
        });
      });
      await done;

      expect(received).toHaveLength(20);
      for (const key of ['stream-0', 'stream-1', 'stream-2']) {
        const order = received
          .filter((m) => m.key === key)
          .map((m) => (JSON.parse(m.value!.toString()) as { n: number }).n);
        expect(order).toEqual(sent.flatMap((m, i) => (m.key === key ? [i] : [])));
      }
      expect(received.find((m) => m.key === 'stream-0')?.headers['ce_id']).toBe('id-0');
      const offsets = await admin.latestOffsets(topic);
      expect(offsets.reduce((sum, p) => sum + Number(p.offset), 0)).toBe(20);
    } finally {
      await consumer.close();
      await producer.close();
      await admin.deleteTopics([topic]);
      await admin.close();
    }
  });
});
