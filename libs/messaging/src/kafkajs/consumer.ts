import { type ConsumerRunConfig, type EachBatchPayload, type Kafka } from 'kafkajs';
import { type ConsumerSettings, type MessageConsumer, type PartitionAssignment } from '../ports';
import { type StartupBudget, untilBrokerSettles } from './broker-states';
import { restartAfterCrashes } from './crash-restart';
import { decodeHeaders } from './headers';
import { type BridgeLogger } from './log-bridge';

export const createKafkaConsumer = async (
  kafka: Kafka,
  settings: ConsumerSettings,
  budget: StartupBudget,
  logger?: BridgeLogger,
): Promise<MessageConsumer> => {
  const consumer = kafka.consumer({
    groupId: settings.groupId,
    sessionTimeout: settings.sessionTimeoutMs ?? 10_000,
    heartbeatInterval: settings.heartbeatIntervalMs ?? 1_000,
    maxBytesPerPartition: settings.maxBytesPerPartition ?? 1_048_576,
    allowAutoTopicCreation: false,
    // An idle fetch waits at most this long; it also bounds how long close() takes.
    maxWaitTimeInMs: settings.maxWaitTimeMs ?? 250,
    retry: { retries: 8 },
  });
  const listeners: ((assignment: readonly PartitionAssignment[]) => void)[] = [];
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const assignment = Object.entries(payload.memberAssignment).map(([topic, partitions]) => ({
      topic,
      partitions,
    }));
    for (const listener of listeners) listener(assignment);
  });
  // On a new broker the group's coordinator (the offsets topic) and the topics' metadata may
  // still be settling: both steps wait that out within the startup budget.
  if (settings.fromBeginning === false)
    await untilBrokerSettles(
      `the coordinator of group ${settings.groupId}`,
      () => pinStartAtEnd(kafka, settings),
      budget,
    );
  await consumer.connect();
  // Partitions without a committed offset start at their beginning: with `fromBeginning: false`
  // every partition of a topic the group knew was pinned above, so those are new partitions.
  await untilBrokerSettles(
    `metadata of ${settings.topics.join(', ')}`,
    () => consumer.subscribe({ topics: [...settings.topics], fromBeginning: true }),
    budget,
  ).catch(async (error: unknown) => {
    await consumer.disconnect().catch(() => undefined);
    throw error;
  });

  const commitIntervalMs = settings.commitIntervalMs ?? 0;
  let lastCommit = 0;
  // Resolved but not committed yet (commitIntervalMs > 0): committed when the member leaves.
  const unsent = new Map<string, { topic: string; partition: number; offset: string }>();
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  const restarts = restartAfterCrashes(consumer, {
    groupId: settings.groupId,
    isClosing: () => closing,
    ...(logger ? { logger } : {}),
  });
  return {
    async run(handler) {
      const handleBatch = async (payload: EachBatchPayload) => {
        const { batch } = payload;
        if (!payload.isRunning() || payload.isStale() || batch.messages.length === 0) return;
        await handler({
          topic: batch.topic,
          partition: batch.partition,
          highWatermark: batch.highWatermark,
          heartbeat: () => payload.heartbeat(),
          messages: batch.messages.map((m) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key?.toString() ?? null,
            value: m.value,
            headers: decodeHeaders(m.headers),
            timestamp: m.timestamp,
          })),
        });
        restarts.handled();
        const last = batch.messages[batch.messages.length - 1];
        // A handler that sought elsewhere has abandoned the batch: nothing of it is resolved.
        if (last && !payload.isStale()) {
          payload.resolveOffset(last.offset);
          // With autoCommit off, kafkajs commits only offsets it is handed: every partition's
          // resolved and not yet committed offset, so a commit lost to a rebalance is made
          // good by the next one (meanwhile a restart redelivers, which every consumer of the
          // port tolerates).
          const now = Date.now();
          const pending = payload.uncommittedOffsets();
          if (pending.topics.length > 0 && (closing || now - lastCommit >= commitIntervalMs)) {
            lastCommit = now;
            unsent.clear();
            await payload.commitOffsetsIfNecessary(pending).catch(() => undefined);
          } else {
            const next = (BigInt(last.offset) + 1n).toString();
            unsent.set(`${batch.topic}/${batch.partition}`, {
              topic: batch.topic,
              partition: batch.partition,
              offset: next,
            });
          }
        }
        await payload.heartbeat();
      };
      const config: ConsumerRunConfig = {
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: settings.partitionsConcurrently ?? 1,
        eachBatch: (payload) => {
          const work = handleBatch(payload);
          inFlight.add(work);
          return work.finally(() => inFlight.delete(work));
        },
      };
      restarts.running(config);
      await consumer.run(config);
    },
    seek(topic, partition, offset) {
      consumer.seek({ topic, partition, offset });
    },
    onAssignment(listener) {
      listeners.push(listener);
    },
    async close() {
      // The batches in progress commit on their way out; then what earlier ones left.
      closing = true;
      restarts.cancel();
      await Promise.allSettled([...inFlight]);
      if (unsent.size > 0)
        await consumer.commitOffsets([...unsent.values()]).catch(() => undefined);
      await consumer.disconnect();
    },
  };
};

/**
 * `fromBeginning: false` means "from the end as of the group's first start", durably: for each
 * topic the group has never committed on, every partition's offset is set to its current end
 * before the group first joins. kafkajs's own `fromBeginning: false` resolves "latest" per
 * partition at each assignment, so a partition the group had not consumed yet would skip what
 * was published on it while the group was down.
 */
const pinStartAtEnd = async (kafka: Kafka, settings: ConsumerSettings): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({
      groupId: settings.groupId,
      topics: [...settings.topics],
    });
    for (const { topic, partitions } of committed) {
      if (partitions.some((p) => p.offset !== '-1')) continue;
      const ends = await admin.fetchTopicOffsets(topic);
      await admin
        .setOffsets({
          groupId: settings.groupId,
          topic,
          partitions: ends.map(({ partition, offset }) => ({ partition, offset })),
        })
        // A replica starting at the same moment may have joined already: it pinned them.
        .catch(() => undefined);
    }
  } finally {
    await admin.disconnect();
  }
};
