import { topicForCategory } from '@ledgerline/cloud-events';
import {
  type ConsumedBatch,
  createKafkaMessaging,
  type MessageConsumer,
} from '@ledgerline/messaging';
import { eventually, servers, uniqueName } from '@ledgerline/testing';

/** The categories whose topics a platform started by `npm run up` publishes and reads. */
export const PLATFORM_CATEGORIES = ['account', 'payment', 'order'] as const;

/**
 * Watches the platform's own, un-prefixed topics (`ledgerline.account.events` …) from now on: a
 * test that starts services asserts that none of the streams it wrote reached them. It names
 * streams rather than comparing offsets, so a platform running beside the tests may publish
 * meanwhile. A topic that did not exist yet is read whole if it appears.
 */
export const watchPlatformTopics = async (categories: readonly string[] = PLATFORM_CATEGORIES) => {
  const messaging = createKafkaMessaging({
    brokers: (await servers()).kafkaBrokers,
    clientId: 'platform-topic-watch',
  });
  const admin = await messaging.admin();
  const topics = categories.map(topicForCategory);
  const existed = new Set((await admin.listTopics()).filter((t) => topics.includes(t)));
  const streamIds = new Set<string>();
  const next = new Map<string, bigint>(); // topic/partition → offset after the last one read
  const collect = (batch: ConsumedBatch) => {
    for (const message of batch.messages) if (message.key) streamIds.add(message.key);
    const last = batch.messages[batch.messages.length - 1];
    if (last) next.set(`${batch.topic}/${batch.partition}`, BigInt(last.offset) + 1n);
    return Promise.resolve();
  };
  const consumers: MessageConsumer[] = [];
  const follow = async (watched: readonly string[], fromBeginning: boolean) => {
    if (watched.length === 0) return;
    const consumer = await messaging.consumer({
      groupId: uniqueName('platform-topic-watch'),
      topics: watched,
      // false: from each partition's end as of now, pinned before the group first joins.
      fromBeginning,
      sessionTimeoutMs: 6_000,
    });
    consumers.push(consumer);
    void consumer.run(collect);
  };
  await follow([...existed], false);
  // Taken after the pin: a partition still at this offset later has nothing new to read.
  const start = new Map<string, bigint>();
  for (const topic of existed)
    for (const { partition, offset } of await admin.latestOffsets(topic))
      start.set(`${topic}/${partition}`, BigInt(offset));

  return {
    /** Every stream id published to the watched topics since the watch began. */
    async streamIds(timeoutMs = 30_000): Promise<ReadonlySet<string>> {
      const now = (await admin.listTopics()).filter((t) => topics.includes(t));
      await follow(
        now.filter((t) => !existed.has(t)),
        true,
      );
      now.forEach((t) => existed.add(t));
      await eventually(
        async () => {
          for (const topic of now)
            for (const { partition, offset } of await admin.latestOffsets(topic)) {
              const key = `${topic}/${partition}`;
              const end = BigInt(offset);
              if (end > (start.get(key) ?? 0n) && (next.get(key) ?? 0n) < end)
                throw new Error(`platform topic watch: ${key} not read up to ${end} yet`);
            }
        },
        { timeoutMs, intervalMs: 200 },
      );
      return new Set(streamIds);
    },
    async close(): Promise<void> {
      await Promise.all(consumers.map((c) => c.close()));
      await admin.close();
    },
  };
};
