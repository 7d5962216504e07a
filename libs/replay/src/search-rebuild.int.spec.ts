import { compareCheckpoints, type RecordedEvent } from '@ledgerline/event-store';
import { type SearchHandler, elasticsearchProjection } from '@ledgerline/projections';
import { paymentsIndex, paymentsSearchProjection } from '@ledgerline/payments-views';
import { queryLoop } from './fixtures/query-loop';
import { foldPayments } from './fixtures/expected-payments';
import { type Pipeline, pipelineNames, startPipeline } from './fixtures/pipeline';
import { rebuild } from './rebuild';

const checkpointOf = (e: RecordedEvent) => ({
  transactionId: e.transactionId,
  position: e.globalPosition,
});

describe('rebuilding an Elasticsearch index into a new mapping while commands flow', () => {
  const names = pipelineNames();
  const v1 = paymentsSearchProjection({
    name: `${names.category}.search`,
    topics: [names.topic],
    alias: names.alias,
  });
  // Version 2 of the mapping: a new field, `amountBand`, filled by the new handler.
  const index = paymentsIndex(names.alias);
  const band = (amount: number) => (amount >= 500 ? 'large' : 'small');
  const withBand: SearchHandler = async (event, context) =>
    (await v1.handlers.PaymentCreated!(event, context)).map((op) =>
      op.op === 'index'
        ? { ...op, document: { ...op.document, amountBand: band(Number(op.document['amount'])) } }
        : op,
    );
  const { sink: _sink, ...rest } = v1;
  const v2 = elasticsearchProjection({
    ...rest,
    searchIndex: {
      ...index,
      version: 2,
      mappings: {
        ...index.mappings,
        properties: { ...index.mappings.properties, amountBand: { type: 'keyword' } },
      },
    },
    handlers: Object.fromEntries(Object.keys(v1.handlers).map((type) => [type, withBand])),
  });
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline(names);
    await pipeline.startLive(v1);
    await pipeline.writePayments(200);
    await pipeline.liveCaughtUp(v1.name);
  }, 60_000);
  afterAll(() => pipeline?.close());

  it('fills <alias>-v2, moves the alias in one update, no search failing', async () => {
    const writer = pipeline.steadyWriter(15);
    const searches = queryLoop(() =>
      pipeline.searchClient.search({ index: names.alias, size: 0, query: { match_all: {} } }),
    );
    const rebuilt = rebuild(pipeline.deps, pipeline.view(v2), {
      batchSize: 200,
      acceptDifferences: true, // the new field differs by design
    });
    await rebuilt.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await writer.stop();
    const searched = await searches.stop();
    const summary = await rebuilt;

    expect(summary.live.target).toEqual({ kind: 'elasticsearch', index: `${names.alias}-v2` });
    expect(summary.previous.target).toEqual({ kind: 'elasticsearch', index: `${names.alias}-v1` });
    expect(summary.switchPauseMs).toBe(0);
    expect(searched.failures).toEqual([]);
    const aliases = await pipeline.searchClient.indices.getAlias({ name: names.alias });
    expect(Object.keys(aliases)).toEqual([`${names.alias}-v2`]);
    const settings = await pipeline.searchClient.indices.getSettings({
      index: `${names.alias}-v2`,
    });
    expect(settings[`${names.alias}-v2`]?.settings?.index?.refresh_interval).toBe('1s');

    // The new version is deployed: its projector takes over from the runtime's offsets.
    await pipeline.stopLive(v1.name);
    await pipeline.startLive(v2);
    await pipeline.writePayments(5);
    await pipeline.liveCaughtUp(v2.name);
    await pipeline.searchClient.indices.refresh({ index: names.alias });
    const found = await pipeline.searchClient.search<{
      paymentId: string;
      status: string;
      streamVersion: number;
      amount: number;
      amountBand?: string;
    }>({ index: names.alias, size: 10_000, sort: [{ paymentId: 'asc' }] });
    const documents = found.hits.hits.map((hit) => hit._source!);
    const expected = foldPayments(await pipeline.allEvents());
    expect(documents.map((d) => [d.paymentId, d.status, d.streamVersion])).toEqual(
      expected.map((p) => [p.paymentId, p.status, p.streamVersion]),
    );
    // Every payment the rebuild wrote has the new field; ones created between the switch and the
    // new version's deployment were written by the old handlers.
    const events = await pipeline.allEvents();
    const fromStore = new Set(
      events
        .filter((e) => compareCheckpoints(checkpointOf(e), summary.checkpoint) <= 0)
        .map((e) => (e.data as { paymentId: string }).paymentId),
    );
    expect(fromStore.size).toBeGreaterThan(200);
    const fromRebuild = documents.filter((d) => fromStore.has(d.paymentId));
    expect(fromRebuild).toHaveLength(fromStore.size);
    expect(fromRebuild.filter((d) => d.amountBand !== band(d.amount))).toEqual([]);
  }, 90_000);
});
