import { servers, uniqueName } from '@ledgerline/testing';
import { createKafkaMessaging } from './kafkajs-messaging';
import {
  type IncomingMessage,
  type MessageProducer,
  type Messaging,
  type TopicAdmin,
} from '../ports';

/**
 * Runs one member of `groupId` on `topic` until it has seen `count` message values, then leaves;
 * `onJoined` runs once it has its partitions. Fails naming what it saw after 15 s.
 */
const consumeUntil = async (
  messaging: Messaging,
  member: { groupId: string; topic: string; fromBeginning: boolean },
  count: number,
  onJoined?: () => void,
): Promise<string[]> => {
  const consumer = await messaging.consumer({
    groupId: member.groupId,
    topics: [member.topic],
    fromBeginning: member.fromBeginning,
    sessionTimeoutMs: 6_000,
  });
  const seen: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`saw only ${seen.join(',')}`)), 15_000);
      consumer.onAssignment(() => onJoined?.());
      void consumer.run(async (batch) => {
        seen.push(...batch.messages.map((m) => m.value!.toString()));
        if (seen.length >= count) resolve();
        return Promise.resolve();
      });
    });
  } finally {
    clearTimeout(timer);
    await consumer.close();
  }
  return seen;
};

/**
 * Runs `test` against a topic of its own (`partitions` of them), with an admin and a producer,
 * and deletes the topic afterwards.
 */
const withTopic = async (
  prefix: string,
  partitions: number,
  test: (ctx: {
    messaging: Messaging;
    topic: string;
    admin: TopicAdmin;
    producer: MessageProducer;
  }) => Promise<void>,
): Promise<void> => {
  const messaging = createKafkaMessaging({
    brokers: (await servers()).kafkaBrokers,
    clientId: 'messaging-test',
  });
  const topic = uniqueName(prefix);
  const admin = await messaging.admin();
  const producer = await messaging.producer();
  await admin.ensureTopics([{ topic, partitions }]);
  try {
    await test({ messaging, topic, admin, producer });
  } finally {
    await producer.close();
    await admin.deleteTopics([topic]);
    await admin.close();
  }
};

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
  it('commits a batch’s offsets once its handler resolves: the group resumes after them', () =>
    withTopic('messaging-commit', 1, async ({ messaging, topic, producer }) => {
      const groupId = uniqueName('group');
      const message = (n: number) => ({ key: 'k', value: String(n) });
      const consume = (count: number, fromBeginning: boolean) =>
        consumeUntil(messaging, { groupId, topic, fromBeginning }, count);
      await producer.send(topic, [1, 2, 3].map(message));
      expect(await consume(3, true)).toEqual(['1', '2', '3']);
      // While no member runs. A group that committed resumes here; one that did not would start
      // at the end (fromBeginning: false) and never see these.
      await producer.send(topic, [4, 5].map(message));
      expect(await consume(2, false)).toEqual(['4', '5']);
    }));
  it('starts a new group with fromBeginning: false at the end as of its first start, on every partition', () =>
    withTopic('messaging-pin', 2, async ({ messaging, topic, producer }) => {
      const groupId = uniqueName('group');
      const keys = Array.from({ length: 8 }, (_, i) => `key-${i}`);
      const publish = (label: string) =>
        producer.send(
          topic,
          keys.map((key) => ({ key, value: `${label}-${key}` })),
        );
      const member = async (count: number, onJoined?: () => void) =>
        (
          await consumeUntil(messaging, { groupId, topic, fromBeginning: false }, count, onJoined)
        ).sort();
      await publish('history');
      const first = await member(8, () => void publish('first'));
      expect(first).toEqual(keys.map((key) => `first-${key}`).sort());
      // Published on both partitions while the group has no member: all of it is read next.
      await publish('meanwhile');
      expect(await member(8)).toEqual(keys.map((key) => `meanwhile-${key}`).sort());
    }));

  it('with a commit interval, commits what it handled when the member leaves', () =>
    withTopic('messaging-interval', 1, async ({ messaging, topic, producer }) => {
      const groupId = uniqueName('group');
      const send = (values: number[]) =>
        producer.send(
          topic,
          values.map((n) => ({ key: 'k', value: String(n) })),
        );
      const consumer = await messaging.consumer({
        groupId,
        topics: [topic],
        sessionTimeoutMs: 6_000,
        commitIntervalMs: 600_000,
      });
      const seen: string[] = [];
      await send([1, 2, 3]);
      await new Promise<void>((resolve) => {
        void consumer.run(async (batch) => {
          seen.push(...batch.messages.map((m) => m.value!.toString()));
          if (seen.length === 3) void send([4, 5]); // a later batch, inside the interval
          if (seen.length >= 5) resolve();
          return Promise.resolve();
        });
      });
      await consumer.close();
      expect(seen).toEqual(['1', '2', '3', '4', '5']);
      await send([6]);
      expect(await consumeUntil(messaging, { groupId, topic, fromBeginning: true }, 1)).toEqual([
        '6',
      ]);
    }));
  it('runs a member again after a crash kafkajs would not restart (a handler’s TypeError)', () =>
    withTopic('messaging-crash', 1, async ({ messaging, topic, producer }) => {
      // kafkajs's retrier treats a TypeError as unrecoverable and stops the member for good.
      const consumer = await messaging.consumer({
        groupId: uniqueName('group'),
        topics: [topic],
        sessionTimeoutMs: 6_000,
      });
      const deliveries: string[] = [];
      await producer.send(topic, [{ key: 'k', value: 'poisoned once' }]);
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`deliveries: ${deliveries.join(', ')}`)),
            20_000,
          );
          void consumer.run(async (batch) => {
            deliveries.push(...batch.messages.map((m) => m.value!.toString()));
            if (deliveries.length === 1) throw new TypeError('a bug in the handler');
            clearTimeout(timer);
            resolve();
            return Promise.resolve();
          });
        });
      } finally {
        await consumer.close();
      }
      expect(deliveries).toEqual(['poisoned once', 'poisoned once']);
    }));
  it('finds offsets by time and reports each partition’s range, raised by deleted records', () =>
    withTopic('messaging-ranges', 1, async ({ topic, admin, producer }) => {
      await producer.send(
        topic,
        [1, 2, 3].map((n) => ({ key: 'k', value: String(n) })),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      const between = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await producer.send(
        topic,
        [4, 5].map((n) => ({ key: 'k', value: String(n) })),
      );

      expect(await admin.offsetsAtTime(topic, between)).toEqual([{ partition: 0, offset: '3' }]);
      expect(await admin.offsetsAtTime(topic, Date.now() + 60_000)).toEqual([
        { partition: 0, offset: '5' },
      ]);
      expect(await admin.offsetRanges(topic)).toEqual([
        { partition: 0, earliest: '0', latest: '5' },
      ]);
      await admin.deleteRecords(topic, [{ partition: 0, before: '2' }]);
      expect(await admin.offsetRanges(topic)).toEqual([
        { partition: 0, earliest: '2', latest: '5' },
      ]);
    }));
});
