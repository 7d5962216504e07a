import { randomUUID } from 'node:crypto';
import { migrate, PostgresEventStore, START } from '@ledgerline/event-store';
import { createLogger } from '@ledgerline/logging';
import { createSearchClient, type SearchClient } from '@ledgerline/search';
import {
  eventually,
  isolatedPostgres,
  servers,
  startServer,
  stopServer,
  uniqueName,
} from '@ledgerline/testing';
import { type Pool } from 'pg';
import { accountSummaries, type AccountSummary, summaryIndex } from './fixtures/account-summaries';
import { deposits, testTopic } from './fixtures/events';
import { startProjector } from './projector';

const logger = createLogger({ service: 'projections-test', level: 'error' });

/** Transactions with a transaction id open for more than 2 s on the runtime's tables. */
const longTransactions = async (pool: Pool, schema: string) => {
  const { rows } = await pool.query<{ state: string; seconds: number }>(
    `SELECT state, extract(epoch FROM now() - xact_start)::float AS seconds
       FROM pg_stat_activity
      WHERE backend_xid IS NOT NULL AND xact_start < now() - interval '2 seconds'
        AND query LIKE '%' || $1 || '%'`,
    [schema],
  );
  return rows;
};

const documents = async (client: SearchClient, alias: string) => {
  await client.indices.refresh({ index: alias });
  const result = await client.search<AccountSummary>({ index: alias, size: 100, version: true });
  return result.hits.hits
    .map((hit) => ({ ...hit._source!, _version: hit._version }))
    .sort((a, b) => a.accountId.localeCompare(b.accountId));
};

describe('an Elasticsearch projection while Elasticsearch is stopped', () => {
  it('holds no transaction, so the event store keeps reading, and catches up exactly after', async () => {
    const client = createSearchClient((await servers()).elasticsearchUrl);
    const pg = await isolatedPostgres('search_outage');
    const storeSchema = `${pg.schema}_store`;
    await migrate(pg.pool, { schema: storeSchema });
    const store = new PostgresEventStore({ pool: pg.pool, schema: storeSchema });
    const t = await testTopic(1);
    const alias = uniqueName('summaries');
    const projector = await startProjector({
      projection: accountSummaries({ name: uniqueName('summaries'), topics: [t.topic], alias }),
      searchClient: client,
      messaging: t.messaging,
      pool: pg.pool,
      schema: pg.schema,
      logger,
      consumer: { sessionTimeoutMs: 10_000 },
    });
    let stopped = false;
    try {
      const events = deposits('acct', 3, 8);
      await t.publish(events.slice(0, 6));
      await eventually(async () => expect(await documents(client, alias)).toHaveLength(3));

      stopServer('elasticsearch');
      stopped = true;
      await t.publish(events.slice(6));
      // The projector is now retrying Elasticsearch; meanwhile the store must keep handing out
      // what commits, and nothing of the projector may sit in a transaction.
      const longest: number[] = [];
      for (let round = 0; round < 8; round += 1) {
        const eventId = randomUUID();
        await store.append(`outage-s${round}`, [{ type: 'Happened', data: { round }, eventId }], {
          expectedVersion: 'any',
        });
        await eventually(
          async () => {
            const { events: read } = await store.readAll({ after: START, limit: 1_000 });
            expect(read.map((e) => e.eventId)).toContain(eventId);
          },
          { timeoutMs: 5_000 },
        );
        longest.push(...(await longTransactions(pg.pool, pg.schema)).map((r) => r.seconds));
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      expect(longest).toEqual([]);
      // Not vacuous: the projector really had events it could not write.
      expect((await projector.status()).lag.events).toBeGreaterThan(0);

      startServer('elasticsearch');
      stopped = false;
      const expected = [0, 1, 2].map((s) => ({
        accountId: `acct-s${s}`,
        balance: Array.from({ length: 8 }, (_, v) => s + v + 1).reduce((a, b) => a + b, 0),
        events: 8,
        lastVersion: 8,
        _version: 8,
      }));
      await eventually(async () => expect(await documents(client, alias)).toEqual(expected), {
        timeoutMs: 60_000,
      });
      expect(await projector.listParked()).toEqual([]);
    } finally {
      if (stopped) startServer('elasticsearch');
      await projector.stop();
      await client.indices.delete({ index: summaryIndex(alias), ignore_unavailable: true });
      await client.close();
      await t.close();
      await pg.pool.query(`DROP SCHEMA IF EXISTS "${storeSchema}" CASCADE`);
      await pg.drop();
    }
  }, 240_000);
});
