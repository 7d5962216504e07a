import { servers, uniqueName } from '@ledgerline/testing';
import { type Messaging } from '../ports';
import { createKafkaMessaging } from './kafkajs-messaging';

/** Starters as separate services would be: each with a client, a connection and a logger. */
const starter = async (name: string, waits: string[]): Promise<Messaging> =>
  createKafkaMessaging({
    brokers: (await servers()).kafkaBrokers,
    clientId: name,
    logger: {
      info: (_obj, msg) => waits.push(`${name}: ${msg ?? ''}`),
      warn: () => undefined,
      error: () => undefined,
      debug: () => undefined,
    },
  });

describe('provisioning brand-new topics from several starters at once', () => {
  it('succeeds for every starter, and each finds every partition led right after', async () => {
    const topics = [uniqueName('prov-a'), uniqueName('prov-b'), uniqueName('prov-c')];
    const waits: string[] = [];
    const starters = await Promise.all(
      ['accounts', 'payments', 'orders', 'checkout'].map((name) => starter(name, waits)),
    );
    const admins = await Promise.all(starters.map((m) => m.admin()));
    try {
      // Each starter asks for the same topics in its own order, in one CreateTopics request:
      // some of each request is created, some was "already exists" from another starter.
      await Promise.all(
        admins.map(async (admin, i) => {
          const mine = [...topics.slice(i % 3), ...topics.slice(0, i % 3)];
          await admin.ensureTopics(mine.map((topic) => ({ topic, partitions: 6 })));
          // Requests that need each partition's leader work at once (ListOffsets).
          for (const topic of topics) {
            const ranges = await admin.offsetRanges(topic);
            expect(ranges.map((r) => r.partition).sort()).toEqual([0, 1, 2, 3, 4, 5]);
          }
        }),
      );
      // And a brand-new group (its coordinator, its pinned start) on them.
      const consumer = await starters[0]!.consumer({
        groupId: uniqueName('prov-group'),
        topics,
        fromBeginning: false,
        sessionTimeoutMs: 6_000,
      });
      await consumer.close();
      // Whatever was awaited was said in the log, naming the topics.
      for (const line of waits) expect(line).toMatch(/kafka: waiting for .*prov-/);
    } finally {
      await admins[0]!.deleteTopics(topics);
      await Promise.all(admins.map((admin) => admin.close()));
    }
  });

  it('refuses a topic the broker will not create, at once', async () => {
    const admin = await (await starter('bad', [])).admin();
    try {
      const started = Date.now();
      await expect(
        admin.ensureTopics([
          { topic: uniqueName('prov-bad'), partitions: 1, configs: { 'cleanup.policy': 'nope' } },
        ]),
      ).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await admin.close();
    }
  });
});
