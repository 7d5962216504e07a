import { randomUUID } from 'node:crypto';
import { migrate, PostgresEventStore } from '@ledgerline/event-store';
import { createLogger } from '@ledgerline/logging';
import { createKafkaMessaging } from '@ledgerline/messaging';
import { servers, startProcess, uniqueName } from '@ledgerline/testing';
import { Pool } from 'pg';
import { readCategory, versionsByStream } from '@ledgerline/testing-kafka';
import { startRelay } from './relay';

const logger = createLogger({ service: 'relay-test', level: 'warn' });

/** A fresh event-store schema and a category (hence a topic) no other test uses. */
const isolatedStore = async () => {
  const { postgresUrl, kafkaBrokers } = await servers();
  const schema = uniqueName('relay');
  const category = uniqueName('cat').replace(/-/g, '');
  const pool = new Pool({ connectionString: postgresUrl, max: 40 });
  await migrate(pool, { schema });
  const store = new PostgresEventStore({ pool, schema });
  const messaging = createKafkaMessaging({ brokers: kafkaBrokers, clientId: 'relay-test' });
  const processEnv = {
    POSTGRES_URL: postgresUrl,
    KAFKA_BROKERS: kafkaBrokers.join(','),
    RELAY_SCHEMA: schema,
    RELAY_CATEGORIES: category,
    RELAY_NAME: uniqueName('relay'),
    LOG_LEVEL: 'info',
  };
  return {
    pool,
    schema,
    category,
    store,
    messaging,
    processEnv,
  };
};

const deposit = (n: number) => ({ type: 'Deposited', data: { n }, eventId: randomUUID() });

describe('outbox relay to Kafka', () => {
  it('publishes every committed event once in stream order under 32 racing writers, and nothing rolled back', async () => {
    const t = await isolatedStore();
    const relay = await startRelay({
      ...t,
      logger,
      source: 'test',
      categories: [t.category],
      batchSize: 200,
    });
    const reader = await readCategory(t.category);
    try {
      const streams = [1, 2, 3, 4].map((i) => `${t.category}-hot${i}`);
      const committed = new Set<string>();
      const rolledBack = new Set<string>();
      await Promise.all(
        Array.from({ length: 32 }, async (_, writer) => {
          for (let i = 0; i < 20; i += 1) {
            const streamId = streams[(writer + i) % streams.length]!;
            const event = deposit(i);
            if ((writer + i) % 7 === 0) {
              // Written, then abandoned: must never be published nor read.
              const client = await t.pool.connect();
              try {
                await client.query('BEGIN');
                await t.store.appendInTransaction(client, streamId, [event], {
                  expectedVersion: 'any',
                });
                await client.query('ROLLBACK');
                rolledBack.add(event.eventId);
              } finally {
                client.release();
              }
            } else {
              await t.store.append(streamId, [event], { expectedVersion: 'any' });
              committed.add(event.eventId);
            }
          }
        }),
      );
      expect(rolledBack.size).toBeGreaterThan(50);

      const published = await reader.waitForDistinct(committed.size);
      const publishedIds = new Set(published.map((e) => e.eventId));
      expect(publishedIds).toEqual(committed);
      for (const id of rolledBack) expect(publishedIds.has(id)).toBe(false);

      for (const streamId of streams) {
        const stored = await t.store.readStream(streamId);
        const versions = stored.map((e) => e.streamVersion);
        expect(versions).toEqual(versions.map((_, i) => i + 1));
        expect(versionsByStream(published).get(streamId)).toEqual(versions);
      }
      const all = await t.store.readAll({ limit: 10_000 });
      expect(all.events.map((e) => e.eventId).filter((id) => rolledBack.has(id))).toEqual([]);
      expect(await relay.lag()).toEqual({ events: 0, seconds: 0 });
    } finally {
      await reader.close();
      await relay.stop();
      await t.pool.query(`DROP SCHEMA "${t.schema}" CASCADE`);
      await t.pool.end();
    }
  });

  it('killed between Kafka ack and checkpoint, loses nothing and only duplicates', async () => {
    const t = await isolatedStore();
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      const event = deposit(i);
      ids.push(event.eventId);
      await t.store.append(`${t.category}-s${i % 5}`, [event], { expectedVersion: 'any' });
    }
    const reader = await readCategory(t.category);
    const crashing = await startProcess('libs/relay/src/fixtures/relay.process.ts', {
      ...t.processEnv,
      RELAY_BATCH_SIZE: '20',
      CRASH_AFTER_ACKS: '1',
    });
    expect(await crashing.exited).toBe('SIGKILL');
    const firstRun = await reader.waitForDistinct(20);
    expect(firstRun.length).toBe(20);

    const relay = await startRelay({
      ...t,
      logger,
      source: 'test',
      categories: [t.category],
      name: t.processEnv.RELAY_NAME,
    });
    try {
      const published = await reader.waitForDistinct(50);
      expect(new Set(published.map((e) => e.eventId))).toEqual(new Set(ids));
      // The batch acknowledged before the crash was sent again: duplicates, never loss.
      expect(published.length).toBe(70);
      for (const [, versions] of versionsByStream(published))
        expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    } finally {
      await reader.close();
      await relay.stop();
      await t.pool.query(`DROP SCHEMA "${t.schema}" CASCADE`);
      await t.pool.end();
    }
  });

  it('lets exactly one of two relays publish, and the standby takes over when the leader dies', async () => {
    const t = await isolatedStore();
    const reader = await readCategory(t.category);
    const a = await startProcess('libs/relay/src/fixtures/relay.process.ts', t.processEnv);
    const b = await startProcess('libs/relay/src/fixtures/relay.process.ts', t.processEnv);
    try {
      const leading = await Promise.race([
        a.waitForOutput(/relay: leading/).then(() => ({ leader: a, standby: b })),
        b.waitForOutput(/relay: leading/).then(() => ({ leader: b, standby: a })),
      ]);
      for (let i = 0; i < 30; i += 1)
        await t.store.append(`${t.category}-x`, [deposit(i)], { expectedVersion: 'any' });
      const first = await reader.waitForDistinct(30);
      expect(first.length).toBe(30); // one publisher: no duplicates without a crash
      expect(leading.standby.output()).not.toMatch(/relay: leading/);
      expect(leading.standby.output()).not.toMatch(/relay-fixture: acknowledged/);

      const killedAt = Date.now();
      await leading.leader.kill('SIGKILL');
      await leading.standby.waitForOutput(/relay: leading/, 10_000);
      const takeoverMs = Date.now() - killedAt;
      expect(takeoverMs).toBeLessThan(5_000);

      for (let i = 30; i < 60; i += 1)
        await t.store.append(`${t.category}-x`, [deposit(i)], { expectedVersion: 'any' });
      const all = await reader.waitForDistinct(60);
      expect(versionsByStream(all).get(`${t.category}-x`)).toEqual(
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
    } finally {
      await reader.close();
      await a.kill();
      await b.kill();
      await t.pool.query(`DROP SCHEMA "${t.schema}" CASCADE`);
      await t.pool.end();
    }
  });
});
