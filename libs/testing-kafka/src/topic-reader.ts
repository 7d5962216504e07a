import {
  categoryTopicSpec,
  fromCloudEventMessage,
  type PublishedEvent,
} from '@ledgerline/cloud-events';
import { createKafkaMessaging } from '@ledgerline/messaging';
import { eventually, servers, uniqueName } from '@ledgerline/testing';
import { type TopicNamespace } from './topic-namespace';

/**
 * Reads a category's topic from the beginning with a throwaway consumer group, collecting every
 * event (of `streamIds` only, when given). Creates the topic as the relay would, so the reader
 * may start before anything is published. `namespace`: read the topic of a test's own
 * KAFKA_TOPIC_PREFIX, as the services it started publish it.
 */
export const readCategory = async (
  category: string,
  streamIds?: Iterable<string>,
  { namespace }: { namespace?: Pick<TopicNamespace, 'messaging'> } = {},
) => {
  const wanted = streamIds === undefined ? undefined : new Set(streamIds);
  const messaging =
    namespace?.messaging ??
    createKafkaMessaging({ brokers: (await servers()).kafkaBrokers, clientId: 'topic-reader' });
  const spec = categoryTopicSpec(category);
  const admin = await messaging.admin();
  await admin.ensureTopics([spec]);
  await admin.close();
  const consumer = await messaging.consumer({
    groupId: uniqueName('topic-reader'),
    topics: [spec.topic],
    sessionTimeoutMs: 6_000,
  });
  // Decoded once, as they arrive, keeping only the wanted streams: a shared category topic may
  // hold a long history of other tests and benchmarks.
  const arrived: PublishedEvent[] = [];
  void consumer.run((batch) => {
    for (const event of batch.messages.map(fromCloudEventMessage))
      if (!wanted || wanted.has(event.streamId)) arrived.push(event);
    return Promise.resolve();
  });
  /** Every event as it arrived, relay re-sends included. */
  const events = (): PublishedEvent[] => [...arrived];
  return {
    events,
    /** Waits until `count` distinct event ids have arrived; returns `events()`, re-sends included. */
    async waitForDistinct(count: number, timeoutMs = 30_000): Promise<PublishedEvent[]> {
      await eventually(
        () => {
          const distinct = new Set(events().map((e) => e.eventId)).size;
          if (distinct < count)
            throw new Error(`${spec.topic}: ${distinct} of ${count} distinct events arrived`);
        },
        { timeoutMs, intervalMs: 100 },
      );
      return events();
    },
    close: () => consumer.close(),
  };
};

/** First occurrence of each event id, in arrival order: what a deduplicating consumer applies. */
export const deduplicate = (events: readonly PublishedEvent[]): PublishedEvent[] => {
  const seen = new Set<string>();
  return events.filter((event) => !seen.has(event.eventId) && Boolean(seen.add(event.eventId)));
};

/** Each stream's versions in arrival order after deduplication; in-order delivery gives 1, 2, 3… */
export const versionsByStream = (events: readonly PublishedEvent[]): Map<string, number[]> => {
  const byStream = new Map<string, number[]>();
  for (const event of deduplicate(events)) {
    const versions = byStream.get(event.streamId) ?? [];
    versions.push(event.streamVersion);
    byStream.set(event.streamId, versions);
  }
  return byStream;
};
