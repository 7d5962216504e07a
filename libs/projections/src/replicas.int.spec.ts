import {
  eventually,
  isolatedPostgres,
  servers,
  startProcess,
  uniqueName,
} from '@ledgerline/testing';
import { expectedBalances, readBalances } from './fixtures/balances';
import { deposits, testTopic } from './fixtures/events';
import { RuntimeState } from './runtime-state';

describe('projector replicas sharing a consumer group', () => {
  it('end complete and exact when one replica is killed mid-batch while the other runs', async () => {
    const { postgresUrl, kafkaBrokers } = await servers();
    const pg = await isolatedPostgres('replicas');
    const t = await testTopic(6);
    const table = `"${pg.schema}".balances`;
    const name = uniqueName('balances');
    const env = {
      POSTGRES_URL: postgresUrl,
      KAFKA_BROKERS: kafkaBrokers.join(','),
      TOPIC: t.topic,
      SCHEMA: pg.schema,
      TABLE: table,
      PROJECTION: name,
      GROUP: uniqueName('replicas'),
      SLOW_MS: '4',
      LOG_LEVEL: 'info',
    };
    const a = await startProcess('libs/projections/src/fixtures/projector.process.ts', env);
    const b = await startProcess('libs/projections/src/fixtures/projector.process.ts', env);
    try {
      await a.waitForOutput(/partitions assigned/, 30_000);
      await b.waitForOutput(/partitions assigned/, 30_000);
      const events = deposits('acct', 24, 50); // 1,200 events, ~5 s of handler time
      await t.publish(events);

      await a.waitForOutput(/projector-fixture: applying/, 30_000);
      expect(await a.kill('SIGKILL')).toBe('SIGKILL');
      // It printed from inside a handler: it died in the middle of a batch transaction.
      const expected = expectedBalances(events);
      await eventually(async () => expect(await readBalances(pg.pool, table)).toEqual(expected), {
        timeoutMs: 45_000,
        intervalMs: 250,
      });
      expect(b.output()).toMatch(/projector-fixture: batch committed/);
      const parked = await new RuntimeState(pg.schema).listParked(pg.pool, name);
      expect(parked).toEqual([]);
    } finally {
      await a.kill();
      await b.kill('SIGTERM');
      await t.close();
      await pg.drop();
    }
  }, 75_000);
});
