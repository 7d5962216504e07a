import { randomUUID } from 'node:crypto';
import { migrate, PostgresEventStore } from '@ledgerline/event-store';
import { createLogger } from '@ledgerline/logging';
import { createKafkaMessaging } from '@ledgerline/messaging';
import { eventually, servers, startServer, stopServer, uniqueName } from '@ledgerline/testing';
import { Pool } from 'pg';
import { readCategory, versionsByStream } from '@ledgerline/testing-kafka';
import { startRelay } from './relay';

describe('relay with Kafka stopped', () => {
  it('keeps appends committing while the broker is down and delivers everything once it is back', async () => {
    const { postgresUrl, kafkaBrokers } = await servers();
    const schema = uniqueName('outage');
    const category = uniqueName('cat');
    const pool = new Pool({ connectionString: postgresUrl, max: 8 });
    await migrate(pool, { schema });
    const store = new PostgresEventStore({ pool, schema });
    const relay = await startRelay({
      store,
      pool,
      categories: [category],
      messaging: createKafkaMessaging({
        brokers: kafkaBrokers,
        clientId: 'outage-test',
        retries: 1,
      }),
      logger: createLogger({ service: 'outage-test', level: 'error' }),
      source: 'test',
    });
    const append = (n: number) =>
      store.append(
        `${category}-s${n % 3}`,
        [{ type: 'Happened', data: { n }, eventId: randomUUID() }],
        { expectedVersion: 'any' },
      );
    let reader: Awaited<ReturnType<typeof readCategory>> | undefined;
    try {
      for (let n = 0; n < 10; n += 1) await append(n);
      await eventually(() => expect(relay.status().published).toBe(10));

      try {
        stopServer('kafka');
        const appendedWhileDown: number[] = [];
        for (let n = 10; n < 60; n += 1) {
          await append(n); // must not fail, nor wait for the broker
          appendedWhileDown.push(n);
        }
        expect(appendedWhileDown).toHaveLength(50);
        await eventually(() => expect(relay.status().lastError).toBeDefined(), {
          timeoutMs: 30_000,
        });
        expect((await relay.lag()).events).toBe(50);
        expect(relay.status().published).toBe(10);
      } finally {
        startServer('kafka');
      }

      reader = await readCategory(category);
      const published = await reader.waitForDistinct(60, 60_000);
      for (const [, versions] of versionsByStream(published)) {
        expect(versions).toEqual(versions.map((_, i) => i + 1));
      }
      await eventually(async () => expect(await relay.lag()).toEqual({ events: 0, seconds: 0 }));
    } finally {
      await reader?.close();
      await relay.stop();
      await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
      await pool.end();
    }
  }, 120_000);
});
