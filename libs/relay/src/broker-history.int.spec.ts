import { randomUUID } from 'node:crypto';
import { topicForCategory } from '@ledgerline/cloud-events';
import { migrate, PostgresEventStore } from '@ledgerline/event-store';
import { createLogger } from '@ledgerline/logging';
import { createKafkaMessaging } from '@ledgerline/messaging';
import { eventually, servers, uniqueName } from '@ledgerline/testing';
import { readCategory, versionsByStream } from '@ledgerline/testing-kafka';
import { Pool } from 'pg';
import { startRelay } from './relay';

describe('a relay whose broker lost the topics (data wiped, topics recreated)', () => {
  it('publishes its categories again from the start, so the topic holds every event', async () => {
    const { postgresUrl, kafkaBrokers } = await servers();
    const schema = uniqueName('wiped');
    const category = uniqueName('cat');
    const topic = topicForCategory(category);
    const pool = new Pool({ connectionString: postgresUrl, max: 8 });
    await migrate(pool, { schema });
    const store = new PostgresEventStore({ pool, schema });
    const messaging = createKafkaMessaging({ brokers: kafkaBrokers, clientId: 'wiped-test' });
    const relayOf = () =>
      startRelay({
        store,
        pool,
        categories: [category],
        messaging,
        logger: createLogger({ service: 'wiped-test', level: 'fatal' }),
        source: 'test',
        pollIntervalMs: 20,
      });
    const append = (from: number, to: number) =>
      (async () => {
        for (let n = from; n < to; n += 1)
          await store.append(
            `${category}-s${n % 4}`,
            [{ type: 'Happened', data: { n }, eventId: randomUUID() }],
            { expectedVersion: 'any' },
          );
      })();
    const admin = await messaging.admin();
    let reader: Awaited<ReturnType<typeof readCategory>> | undefined;
    try {
      const first = await relayOf();
      await append(0, 20);
      await eventually(() => expect(first.status().published).toBe(20));
      await first.stop();

      await admin.deleteTopics([topic]);
      await eventually(async () => expect(await admin.listTopics()).not.toContain(topic), {
        timeoutMs: 30_000,
      });
      await append(20, 25); // committed while the relay is down

      const second = await relayOf(); // same name: the checkpoint says 20 were published
      try {
        reader = await readCategory(category);
        const published = await reader.waitForDistinct(25, 30_000);
        for (const [, versions] of versionsByStream(published))
          expect(versions).toEqual(versions.map((_, i) => i + 1));
      } finally {
        await second.stop();
      }
    } finally {
      await reader?.close();
      await admin.deleteTopics([topic]).catch(() => undefined);
      await admin.close();
      await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
      await pool.end();
    }
  }, 90_000);
});
