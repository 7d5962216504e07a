import { createLogger } from '@ledgerline/logging';
import { createSearchClient, type SearchClient } from '@ledgerline/search';
import { eventually, isolatedPostgres, servers, uniqueName } from '@ledgerline/testing';
import { accountSummaries, type AccountSummary, summaryIndex } from './fixtures/account-summaries';
import { deposits, recorded, testTopic } from './fixtures/events';
import { startProjector } from './projector';

const logger = createLogger({ service: 'projections-test', level: 'error' });

const documents = async (client: SearchClient, alias: string) => {
  await client.indices.refresh({ index: alias });
  const result = await client.search<AccountSummary>({
    index: alias,
    size: 100,
    sort: ['accountId'],
    version: true,
  });
  return result.hits.hits.map((hit) => ({ ...hit._source!, _version: hit._version }));
};

describe('an Elasticsearch projection', () => {
  let client: SearchClient;
  beforeAll(async () => {
    client = createSearchClient((await servers()).elasticsearchUrl);
  });
  afterAll(() => client.close());

  it('writes with external versions, never regresses on redelivery, and parks rejected documents', async () => {
    const pg = await isolatedPostgres('search');
    const t = await testTopic(2);
    const alias = uniqueName('summaries');
    const projection = accountSummaries({
      name: uniqueName('summaries'),
      topics: [t.topic],
      alias,
    });
    const start = (schema: string) =>
      startProjector({
        projection,
        searchClient: client,
        messaging: t.messaging,
        pool: pg.pool,
        schema,
        logger,
        groupId: uniqueName('search-group'),
        consumer: { sessionTimeoutMs: 6_000 },
        retry: { attempts: 2, baseDelayMs: 5 },
      });
    let projector = await start(pg.schema);
    try {
      const events = deposits('acct', 3, 5).map(recorded);
      await t.publish(events);
      // acct-s2 v6 has a document Elasticsearch refuses (a string in a long field): v7 waits.
      await t.publish([
        { streamId: 'acct-s2', version: 6, type: 'Deposited', data: { amount: 'lots' } },
        { streamId: 'acct-s2', version: 7, type: 'Deposited', data: { amount: 1 } },
        { streamId: 'acct-s0', version: 6, type: 'Closed', data: {} },
      ]);
      const expected = [
        {
          accountId: 'acct-s1',
          balance: 2 + 3 + 4 + 5 + 6,
          events: 5,
          lastVersion: 5,
          _version: 5,
        },
        {
          accountId: 'acct-s2',
          balance: 3 + 4 + 5 + 6 + 7,
          events: 5,
          lastVersion: 5,
          _version: 5,
        },
      ];
      await eventually(async () => expect(await documents(client, alias)).toEqual(expected));
      const parked = await eventually(async () => {
        const rows = await projector.listParked('acct-s2');
        expect(rows.map((r) => [r.version, r.status])).toEqual([
          [6, 'parked'],
          [7, 'waiting'],
        ]);
        return rows;
      });
      expect(parked[0]!.error).toMatch(/document_parsing_exception|mapper_parsing_exception/);
      // A redrive runs it through the handler and Elasticsearch again: still refused, still parked.
      expect(await projector.redrive('acct-s2')).toMatchObject({ redriven: 0, stillParked: 2 });
      expect((await projector.listParked('acct-s2'))[0]).toMatchObject({
        status: 'parked',
        attempts: 2,
      });

      // Runtime state lost (fresh schema, fresh group): every event is written again, each one
      // computed from the current document; external versions reject them all (409).
      await projector.stop();
      const lostState = `${pg.schema}_lost`;
      projector = await start(lostState);
      await eventually(async () => expect((await projector.status()).lag.events).toBe(0));
      expect(await documents(client, alias)).toEqual(expected);
    } finally {
      await projector.stop();
      await pg.pool.query(`DROP SCHEMA IF EXISTS "${pg.schema}_lost" CASCADE`);
      await client.indices.delete({ index: summaryIndex(alias), ignore_unavailable: true });
      await t.close();
      await pg.drop();
    }
  });

  it('retries 429 backpressure from the real node until the write lands', async () => {
    const pg = await isolatedPostgres('search429');
    const t = await testTopic(1);
    const alias = uniqueName('summaries');
    const retries: string[] = [];
    const projector = await startProjector({
      projection: accountSummaries({ name: uniqueName('summaries'), topics: [t.topic], alias }),
      searchClient: client,
      messaging: t.messaging,
      pool: pg.pool,
      schema: pg.schema,
      logger: {
        ...logger,
        warn: (obj: object) => retries.push(JSON.stringify(obj)),
        info: () => undefined,
        error: () => undefined,
      },
      consumer: { sessionTimeoutMs: 6_000 },
    });
    try {
      // The flood-stage disk block: Elasticsearch answers writes with 429 TOO_MANY_REQUESTS.
      await client.indices.putSettings({
        index: summaryIndex(alias),
        settings: { 'index.blocks.read_only_allow_delete': true },
      });
      await t.publish([{ streamId: 'acct-x', version: 1, type: 'Deposited', data: { amount: 7 } }]);
      await eventually(() => expect(retries.join('\n')).toMatch(/refused for now: 429/), {
        timeoutMs: 15_000,
      });
      expect(await documents(client, alias)).toEqual([]);
      await client.indices.putSettings({
        index: summaryIndex(alias),
        settings: { 'index.blocks.read_only_allow_delete': null },
      });
      await eventually(async () =>
        expect(await documents(client, alias)).toEqual([
          { accountId: 'acct-x', balance: 7, events: 1, lastVersion: 1, _version: 1 },
        ]),
      );
      expect(await projector.listParked()).toEqual([]);
    } finally {
      await projector.stop();
      await client.indices.delete({ index: summaryIndex(alias), ignore_unavailable: true });
      await t.close();
      await pg.drop();
    }
  });
});
