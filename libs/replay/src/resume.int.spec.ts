import { paymentsProjection } from '@ledgerline/payments-views';
import { eventually, startProcess } from '@ledgerline/testing';
import { CopyCatalog } from './catalog';
import { foldPayments, paymentsInTable } from './fixtures/expected-payments';
import { type Pipeline, pipelineNames, startPipeline } from './fixtures/pipeline';
import { rebuild } from './rebuild';

describe('a rebuild killed half-way', () => {
  const names = pipelineNames();
  const table = `${names.readSchema}.payments_v1`;
  const projection = paymentsProjection({
    name: `${names.category}.payments`,
    topics: [names.topic],
    tables: { payments: table },
  });
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline(names);
    await pipeline.startLive(projection);
    await pipeline.writePayments(1_500);
    await pipeline.liveCaughtUp(projection.name);
  }, 90_000);
  afterAll(() => pipeline?.close());

  it('holds the lock while it runs, and the next run resumes from its checkpoint', async () => {
    const child = await startProcess('libs/replay/src/fixtures/rebuild.process.ts', {
      POSTGRES_URL: process.env['POSTGRES_URL'] ?? '',
      KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
      STORE_SCHEMA: names.storeSchema,
      READ_SCHEMA: names.readSchema,
      CATEGORY: names.category,
      BATCH_SIZE: '100',
    });
    let backends: number[] = [];
    try {
      await child.waitForOutput(/^filled [3-9]\d\d$/, 30_000);
      await expect(rebuild(pipeline.deps, pipeline.view(projection))).rejects.toThrow(
        /another rebuild of .* is running \(PostgreSQL backend \d+/,
      );
      const { rows } = await pipeline.pool.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = 'replay-rebuild-process'`,
      );
      backends = rows.map((row) => row.pid);
      expect(backends.length).toBeGreaterThan(0);
    } finally {
      await child.kill('SIGKILL');
    }
    expect(child.output()).not.toContain('rebuilt');
    // PostgreSQL ends the killed process's backend (aborting its batch, freeing its lock) once it
    // notices the closed connection.
    await eventually(async () => {
      const { rows } = await pipeline.pool.query(
        `SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1::int[])`,
        [backends],
      );
      expect(rows).toEqual([]);
    });
    const catalog = new CopyCatalog(names.readSchema);
    const half = (await catalog.list(pipeline.pool, projection.name)).find(
      (copy) => copy.status === 'filling',
    );
    expect(half?.events).toBeGreaterThanOrEqual(300);
    expect(half?.events).toBeLessThan(4_500);

    const summary = await rebuild(pipeline.deps, pipeline.view(projection), { batchSize: 1_000 });

    expect(summary.resumed).toBe(true);
    expect(summary.events).toBe(4_500 - half!.events);
    expect(summary.verification?.equal).toBe(true);
    const live = (await catalog.list(pipeline.pool, projection.name)).find(
      (copy) => copy.status === 'live',
    );
    expect(live?.events).toBe(4_500); // every event written into the copy exactly once
    expect(await paymentsInTable(pipeline.pool, table)).toEqual(
      foldPayments(await pipeline.allEvents()),
    );
  }, 90_000);
});
