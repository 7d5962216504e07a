import { createKafkaMessaging, type TopicAdmin } from '@ledgerline/messaging';
import { migrateRuntime, type Projection } from '@ledgerline/projections';
import { categoryTopicSpec, topicForCategory } from '@ledgerline/relay';
import { isolatedPostgres, servers, uniqueName } from '@ledgerline/testing';
import { createConsistency } from './consistency';
import { ConsistencyWaitersFull, ReadModelBehind } from './errors';
import { countsView } from './fixtures/counts';

describe('consistency waits under load', () => {
  let pg: Awaited<ReturnType<typeof isolatedPostgres>>;
  let admin: TopicAdmin;
  const category = uniqueName('tick').replace(/[^a-z0-9]/g, '');
  let projection: Projection;

  beforeAll(async () => {
    pg = await isolatedPostgres('waiters');
    await migrateRuntime(pg.pool, pg.schema);
    const { kafkaBrokers } = await servers();
    admin = await createKafkaMessaging({ brokers: kafkaBrokers, clientId: 'waiters-test' }).admin();
    // The topic exists, so measuring the lag a refused wait reports never waits on the broker.
    await admin.ensureTopics([categoryTopicSpec(category)]);
    projection = countsView({
      name: uniqueName('counts'),
      topics: [topicForCategory(category)],
      table: `"${pg.schema}".counts`,
    }) as unknown as Projection;
  });
  afterAll(async () => {
    await admin.deleteTopics([topicForCategory(category)]).catch(() => undefined);
    await admin.close();
    await pg.drop();
  });

  it('refuses a call beyond the most waiters at once, and admits again once one is done', async () => {
    const consistency = createConsistency({
      pool: pg.pool,
      schema: pg.schema,
      admin,
      sources: [{ schema: 'unused', categories: [category] }],
      projections: [projection],
      maxWaiters: 2,
    });
    // Version 1 of a stream the projection never applied: each wait runs to its deadline.
    const wait = (ms: number) =>
      consistency
        .awaitStreamVersion({
          projection: projection.name,
          streamId: `${category}-s1`,
          version: 1,
          deadline: new Date(Date.now() + ms),
        })
        .then(
          () => 'applied',
          (error: unknown) => error,
        );

    const waiting = [wait(600), wait(600)];
    const started = performance.now();
    const refused = await wait(600);

    expect(refused).toBeInstanceOf(ConsistencyWaitersFull);
    expect(refused).toMatchObject({ reason: 'CONSISTENCY_WAITERS_FULL' });
    expect((refused as ConsistencyWaitersFull).retryAfterMs).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(50);
    for (const outcome of await Promise.all(waiting))
      expect(outcome).toBeInstanceOf(ReadModelBehind);
    expect(await wait(200)).toBeInstanceOf(ReadModelBehind);
  });
});
