import { paymentsProjection } from '@ledgerline/payments-views';
import { CopyCatalog } from './catalog';
import { foldPayments, paymentsInTable } from './fixtures/expected-payments';
import { rebuildKilledHalfWay } from './fixtures/killed-rebuild';
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
    const half = await rebuildKilledHalfWay(pipeline, names, projection);

    const summary = await rebuild(pipeline.deps, pipeline.view(projection), { batchSize: 1_000 });

    expect(summary.resumed).toBe(true);
    expect(summary.events).toBe(4_500 - half.events);
    expect(summary.verification?.equal).toBe(true);
    const catalog = new CopyCatalog(names.readSchema);
    const live = (await catalog.list(pipeline.pool, projection.name)).find(
      (copy) => copy.status === 'live',
    );
    expect(live?.events).toBe(4_500); // every event written into the copy exactly once
    expect(await paymentsInTable(pipeline.pool, table)).toEqual(
      foldPayments(await pipeline.allEvents()),
    );
  }, 90_000);
});
