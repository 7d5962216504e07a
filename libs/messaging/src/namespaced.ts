import { type Messaging } from './ports';

/**
 * The same broker with every topic name prefixed (`<prefix>ledgerline.order.events`), both ways:
 * producers, consumers and the admin see the plain names. Consumer groups are prefixed too: two
 * namespaces using the same group name (every platform's checkout saga) would otherwise join one
 * group on the broker, and its rebalances and offsets would mix topics of both. Lets several
 * platforms, or a test or benchmark and everything else, share one Kafka cluster without reading
 * or writing each other's events.
 */
export const namespacedMessaging = (messaging: Messaging, prefix: string): Messaging => {
  if (prefix === '') return messaging;
  const out = (topic: string) => `${prefix}${topic}`;
  const back = (topic: string) => (topic.startsWith(prefix) ? topic.slice(prefix.length) : topic);
  return {
    async producer() {
      const producer = await messaging.producer();
      return {
        send: (topic, messages) => producer.send(out(topic), messages),
        sendMany: (batches) =>
          producer.sendMany(batches.map((b) => ({ topic: out(b.topic), messages: b.messages }))),
        close: () => producer.close(),
      };
    },
    async consumer(settings) {
      const consumer = await messaging.consumer({
        ...settings,
        groupId: `${prefix}${settings.groupId}`,
        topics: settings.topics.map(out),
      });
      return {
        run: (handler) =>
          consumer.run((batch) =>
            handler({
              topic: back(batch.topic),
              partition: batch.partition,
              highWatermark: batch.highWatermark,
              heartbeat: () => batch.heartbeat(),
              messages: batch.messages.map((m) => ({ ...m, topic: back(m.topic) })),
            }),
          ),
        seek: (topic, partition, offset) => consumer.seek(out(topic), partition, offset),
        onAssignment: (listener) =>
          consumer.onAssignment((assignment) =>
            listener(assignment.map((a) => ({ ...a, topic: back(a.topic) }))),
          ),
        close: () => consumer.close(),
      };
    },
    async admin() {
      const admin = await messaging.admin();
      return {
        ensureTopics: (specs) =>
          admin.ensureTopics(specs.map((spec) => ({ ...spec, topic: out(spec.topic) }))),
        listTopics: async () =>
          (await admin.listTopics()).filter((t) => t.startsWith(prefix)).map(back),
        deleteTopics: (topics) => admin.deleteTopics(topics.map(out)),
        latestOffsets: (topic) => admin.latestOffsets(out(topic)),
        offsetRanges: (topic) => admin.offsetRanges(out(topic)),
        offsetsAtTime: (topic, timestampMs) => admin.offsetsAtTime(out(topic), timestampMs),
        deleteRecords: (topic, partitions) => admin.deleteRecords(out(topic), partitions),
        close: () => admin.close(),
      };
    },
  };
};
