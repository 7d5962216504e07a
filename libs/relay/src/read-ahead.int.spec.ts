import { randomUUID } from 'node:crypto';
import { migrate, PostgresEventStore } from '@ledgerline/event-store';
import { createLogger } from '@ledgerline/logging';
import { createKafkaMessaging, type Messaging } from '@ledgerline/messaging';
import { servers, uniqueName } from '@ledgerline/testing';
import { readCategory, versionsByStream } from '@ledgerline/testing-kafka';
import { Pool } from 'pg';
import { startRelay } from './relay';

const logger = createLogger({ service: 'relay-test', level: 'warn' });
const BATCH = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Kafka, with every send held back a little (room for a read ahead), and its acks recorded. */
const observedMessaging = (messaging: Messaging) => {
  const seen = { ackedUpTo: 0 };
  const observed: Messaging = {
    ...messaging,
    async producer() {
      const producer = await messaging.producer();
      return {
        ...producer,
        async sendMany(batches) {
          await sleep(30);
          await producer.sendMany(batches);
          for (const { messages } of batches)
            for (const message of messages)
              seen.ackedUpTo = Math.max(seen.ackedUpTo, Number(message.headers?.['ce_position']));
        },
      };
    },
  };
  return { observed, seen };
};

describe('a relay reading ahead', () => {
  it('reads the next batch while Kafka acknowledges one, and checkpoints only what was acknowledged', async () => {
    // given a backlog of 1,000 events in 10 streams
    const { postgresUrl, kafkaBrokers } = await servers();
    const schema = uniqueName('relay');
    const category = uniqueName('cat').replace(/-/g, '');
    const pool = new Pool({ connectionString: postgresUrl, max: 10 });
    await migrate(pool, { schema });
    const store = new PostgresEventStore({ pool, schema });
    for (let i = 0; i < 10; i += 1)
      await store.append(
        `${category}-s${i % 10}`,
        Array.from({ length: 100 }, (_, n) => ({
          type: 'Deposited',
          data: { n },
          eventId: randomUUID(),
        })),
        { expectedVersion: 'any' },
      );
    const last = (await store.readAll({ limit: 1_000, categories: [category] })).checkpoint;
    const { observed, seen } = observedMessaging(
      createKafkaMessaging({ brokers: kafkaBrokers, clientId: 'relay-test' }),
    );
    // A read ahead starts while events read before it still wait for their ack.
    let eventsRead = 0;
    let eventsAcknowledged = 0;
    let readsAhead = 0;
    const readAll = store.readAll.bind(store);
    jest.spyOn(store, 'readAll').mockImplementation(async (options) => {
      if (eventsRead > eventsAcknowledged) readsAhead += 1;
      const batch = await readAll(options);
      if (options?.limit === BATCH) eventsRead += batch.events.length;
      return batch;
    });
    const reader = await readCategory(category);
    const name = uniqueName('relay');
    const checkpointsAhead: number[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const { rows } = await pool.query<{ position: string }>(
          `SELECT position FROM "${schema}".relay_checkpoints WHERE relay = $1`,
          [name],
        );
        const position = Number(rows[0]?.position ?? 0);
        if (position > seen.ackedUpTo) checkpointsAhead.push(position);
        await sleep(2);
      }
    })();

    // when a relay drains it in batches of BATCH
    const relay = await startRelay({
      store,
      pool,
      messaging: observed,
      logger,
      source: 'test',
      categories: [category],
      name,
      batchSize: BATCH,
      onAcknowledged: (events) => (eventsAcknowledged += events.length),
    });
    try {
      while (relay.status().published < 1_000) await sleep(20);
      const published = await reader.waitForDistinct(1_000);

      // then reads overlapped sends, yet no checkpoint ever passed an unacknowledged event
      expect(readsAhead).toBeGreaterThan(0);
      expect(checkpointsAhead).toEqual([]);
      expect(relay.status().checkpoint).toEqual(last);
      // and every event went out once, each stream in order
      expect(published.length).toBe(1_000);
      for (const [, versions] of versionsByStream(published))
        expect(versions).toEqual(Array.from({ length: 100 }, (_, v) => v + 1));
    } finally {
      watching = false;
      await watcher;
      await reader.close();
      await relay.stop();
      await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
      await pool.end();
    }
  });
});
