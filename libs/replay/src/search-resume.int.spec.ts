import { paymentsSearchProjection } from '@ledgerline/payments-views';
import { CopyCatalog } from './catalog';
import { foldPayments } from './fixtures/expected-payments';
import { rebuildKilledHalfWay } from './fixtures/killed-rebuild';
import { type Pipeline, pipelineNames, startPipeline } from './fixtures/pipeline';
import { rebuild } from './rebuild';

describe('an Elasticsearch rebuild killed half-way', () => {
  const names = pipelineNames();
  const projection = paymentsSearchProjection({
    name: `${names.category}.search`,
    topics: [names.topic],
    alias: names.alias,
  });
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline(names);
    await pipeline.startLive(projection);
    await pipeline.writePayments(1_500);
    await pipeline.liveCaughtUp(projection.name);
  }, 90_000);
  afterAll(() => pipeline?.close());

  it('holds the lock while it runs, and the next run resumes the same index from its checkpoint', async () => {
    const half = await rebuildKilledHalfWay(pipeline, names, projection, {
      ELASTICSEARCH_URL: process.env['ELASTICSEARCH_URL'] ?? '',
      SINK: 'elasticsearch',
      ALIAS: names.alias,
    });

    // No old copy kept: the next rebuild then fills `<alias>-v1` afresh.
    const summary = await rebuild(pipeline.deps, pipeline.view(projection), {
      batchSize: 1_000,
      keepOld: 0,
    });

    expect(summary.resumed).toBe(true);
    expect(summary.events).toBe(4_500 - half.events);
    // Every document of both indices compared by the hash of its source, not a sample.
    expect(summary.verification?.equal).toBe(true);
    expect(summary.live.target).toEqual(half.target);
    const catalog = new CopyCatalog(names.readSchema);
    const live = (await catalog.list(pipeline.pool, projection.name)).find(
      (copy) => copy.status === 'live',
    );
    expect(live?.events).toBe(4_500);
    await pipeline.searchClient.indices.refresh({ index: names.alias });
    const found = await pipeline.searchClient.search<{
      paymentId: string;
      status: string;
      streamVersion: number;
    }>({ index: names.alias, size: 10_000, sort: [{ paymentId: 'asc' }] });
    expect(
      found.hits.hits
        .map((hit) => hit._source!)
        .map((d) => [d.paymentId, d.status, d.streamVersion]),
    ).toEqual(
      foldPayments(await pipeline.allEvents()).map((p) => [p.paymentId, p.status, p.streamVersion]),
    );
  }, 120_000);

  it('refuses to switch when one live document differs, found by its hash', async () => {
    await pipeline.stopLive(projection.name);
    const [one] = (
      await pipeline.searchClient.search<{ paymentId: string }>({
        index: names.alias,
        size: 1,
        sort: [{ paymentId: 'desc' }],
      })
    ).hits.hits;
    await pipeline.searchClient.update({
      index: names.alias,
      id: one!._id!,
      doc: { failureReason: 'changed by hand' },
      refresh: true,
    });
    await expect(rebuild(pipeline.deps, pipeline.view(projection))).rejects.toThrow(
      /differs from the live one \(.+: live 1500 rows, new 1500 rows, 1 only in live, 1 only in new\); not switched/,
    );
  }, 120_000);
});
