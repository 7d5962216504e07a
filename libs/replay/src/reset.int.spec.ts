import { compareCheckpoints, type RecordedEvent } from '@ledgerline/event-store';
import { paymentsSearchProjection } from '@ledgerline/payments-views';
import { eventually } from '@ledgerline/testing';
import { paymentsReleases } from './fixtures/buggy-payments';
import { foldPayments, paymentsInTable } from './fixtures/expected-payments';
import { type Pipeline, pipelineNames, startPipeline } from './fixtures/pipeline';
import { queryLoop } from './fixtures/query-loop';
import { CopyCatalog } from './catalog';
import { ReplayError } from './errors';
import { rollback } from './rebuild';
import { reset } from './reset';

const checkpointOf = (e: RecordedEvent) => ({
  transactionId: e.transactionId,
  position: e.globalPosition,
});

describe('resetting a Postgres view to a point and replaying the rest from Kafka', () => {
  const names = pipelineNames();
  const table = `${names.readSchema}.payments_v1`;
  const { fixed, buggy } = paymentsReleases(`${names.category}.payments`, names.topic, table);
  const catalog = new CopyCatalog(names.readSchema);
  let pipeline: Pipeline;

  const capturedAmounts = async () =>
    (await paymentsInTable(pipeline.pool, table)).map((row) => Number(row.capturedAmount));
  const copies = async () =>
    (await catalog.list(pipeline.pool, fixed.name)).map((c) => [c.generation, c.status]);
  const expectViewIsFold = async () => {
    await pipeline.liveCaughtUp(fixed.name);
    expect(await paymentsInTable(pipeline.pool, table)).toEqual(
      foldPayments(await pipeline.allEvents()),
    );
  };

  beforeAll(async () => {
    pipeline = await startPipeline(names);
    await pipeline.startLive(buggy);
    await pipeline.writePayments(60);
    await pipeline.liveCaughtUp(fixed.name);
  }, 60_000);
  afterAll(() => pipeline?.close());

  it('replays the whole topic through the fixed handlers while commands and queries go on', async () => {
    expect((await capturedAmounts()).every((amount) => amount >= 1_000)).toBe(true);
    await pipeline.stopLive(buggy.name);
    await pipeline.startLive(fixed); // the fixed release is deployed; its runtime rows carry on

    const writer = pipeline.steadyWriter(15);
    const queries = queryLoop(() => pipeline.pool.query(`SELECT count(*) FROM ${table}`));
    const summary = await reset(pipeline.deps, pipeline.view(fixed), { kind: 'start' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const written = await writer.stop();
    const queried = await queries.stop();

    expect(summary.events).toBe(0); // nothing from the store: everything comes from Kafka
    expect(summary.heldUpTo).toEqual({ transactionId: '0', position: 0 });
    expect(summary.replay.map((p) => [p.partition, p.from])).toEqual([
      [0, '0'],
      [1, '0'],
      [2, '0'],
    ]);
    expect(summary.messagesToReplay).toBeGreaterThanOrEqual(180);
    expect(written).toBeGreaterThan(0);
    expect(queried.failures).toEqual([]);
    await expectViewIsFold(); // no capture ten times too large any more
    expect((await capturedAmounts()).every((amount) => amount < 1_000)).toBe(true);
    expect(await copies()).toEqual([
      [1, 'old'],
      [2, 'live'],
    ]);
  }, 90_000);

  it('is undone by a rollback, which brings the old copy back caught up', async () => {
    await pipeline.writePayments(5);
    await pipeline.liveCaughtUp(fixed.name);
    const back = await rollback(pipeline.deps, pipeline.view(fixed));
    expect(back.live.generation).toBe(1);
    const amounts = await capturedAmounts();
    // The buggy copy, as it was: its 60 captures still ten times too large.
    expect(amounts.filter((amount) => amount >= 1_000)).toHaveLength(60);
    expect(amounts.length).toBe((await paymentsInTable(pipeline.pool, table)).length);
  }, 60_000);

  it('keeps the events up to a global position and replays only what follows it', async () => {
    const before = await pipeline.allEvents();
    const middle = before[Math.floor(before.length / 2)]!;
    await pipeline.writePayments(20);
    const summary = await reset(pipeline.deps, pipeline.view(fixed), {
      kind: 'position',
      position: middle.globalPosition,
    });
    const kept = (await pipeline.allEvents()).filter(
      (e) => compareCheckpoints(checkpointOf(e), checkpointOf(middle)) <= 0,
    );
    expect(summary.heldUpTo).toEqual(checkpointOf(middle));
    expect(summary.events).toBe(kept.length); // the store filled only up to the position
    expect(summary.replay.every((p) => BigInt(p.from) <= BigInt(p.latest))).toBe(true);
    // Everything after the position reached the copy through the projector: it equals the fold,
    // with the fixed handlers throughout (the buggy rows came back with the rollback).
    await expectViewIsFold();
    expect((await capturedAmounts()).every((amount) => amount < 1_000)).toBe(true);
  }, 60_000);

  it('keeps the events recorded before a time', async () => {
    await pipeline.writePayments(5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const at = new Date();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pipeline.writePayments(5);
    const summary = await reset(pipeline.deps, pipeline.view(fixed), { kind: 'time', at });
    const events = await pipeline.allEvents();
    const before = events.filter((e) => e.recordedAt.getTime() < at.getTime());
    expect(summary.events).toBe(before.length);
    expect(summary.heldUpTo).toEqual(checkpointOf(before[before.length - 1]!));
    await expectViewIsFold();
  }, 60_000);

  it('refuses, changing nothing, when the topic no longer holds what it would replay', async () => {
    const admin = await pipeline.messaging.admin();
    const ranges = await admin.offsetRanges(names.topic);
    await admin.deleteRecords(
      names.topic,
      ranges.map((r) => ({ partition: r.partition, before: '1' })),
    );
    await admin.close();
    const view = await paymentsInTable(pipeline.pool, table);
    const catalogBefore = await copies();

    const refused = await reset(pipeline.deps, pipeline.view(fixed), { kind: 'start' }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ReplayError);
    expect((refused as ReplayError).kind).toBe('range-gone');
    expect((refused as ReplayError).message).toMatch(
      new RegExp(`${names.topic}/0 keeps offsets from 1 only.*nothing was changed`),
    );
    expect(await paymentsInTable(pipeline.pool, table)).toEqual(view);
    expect(await copies()).toEqual(catalogBefore);
  }, 30_000);

  it('stops short, reporting it, when the broker loses the range after the reset', async () => {
    await pipeline.writePayments(5);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const at = new Date();
    await pipeline.writePayments(5);
    await pipeline.liveCaughtUp(fixed.name);
    await pipeline.stopLive(fixed.name);
    const summary = await reset(
      pipeline.deps,
      pipeline.view(fixed),
      { kind: 'time', at },
      {
        clockSkewMs: 0,
      },
    );
    // The payments recorded since `at`: the reset left them to the broker.
    const toReplay = new Set(
      (await pipeline.allEvents())
        .filter((e) => e.recordedAt.getTime() >= at.getTime())
        .map((e) => (e.data as { paymentId: string }).paymentId),
    );
    expect(toReplay.size).toBe(5);
    // Retention strikes before the projector is back: every retained message is gone.
    const admin = await pipeline.messaging.admin();
    await admin.deleteRecords(
      names.topic,
      summary.replay.map((p) => ({ partition: p.partition, before: p.latest })),
    );
    await admin.close();
    const projector = await pipeline.startLive(fixed);
    await pipeline.writePayments(3); // new messages land past every reset offset
    await eventually(
      async () =>
        expect((await projector.status()).lastError).toMatch(
          /no longer holds offset \d+ .*rebuild the view from the event store/,
        ),
      { timeoutMs: 30_000 },
    );
    // A partition that lost messages applies nothing past the gap (that would skip them): its
    // offset row still waits at the reset's offset. One that lost none carries on.
    const lost = summary.replay.filter((p) => BigInt(p.from) < BigInt(p.latest));
    expect(lost.length).toBeGreaterThan(0);
    const { rows } = await pipeline.pool.query<{
      partition: number;
      offset: string;
      seek_to: string;
    }>(
      `SELECT partition, "offset", seek_to FROM ${names.readSchema}.projection_offsets
        WHERE projection = $1 AND topic = $2`,
      [fixed.name, names.topic],
    );
    for (const p of lost)
      expect(rows.find((r) => r.partition === p.partition)).toEqual({
        partition: p.partition,
        offset: String(BigInt(p.from) - 1n),
        seek_to: p.from,
      });
    const shown = await paymentsInTable(pipeline.pool, table);
    expect(shown.filter((row) => toReplay.has(row.paymentId))).toEqual([]);
  }, 60_000);

  it('refuses an Elasticsearch view, pointing to a rebuild', async () => {
    const search = paymentsSearchProjection({
      name: `${names.category}.search`,
      topics: [names.topic],
      alias: names.alias,
    });
    await expect(reset(pipeline.deps, pipeline.view(search), { kind: 'start' })).rejects.toThrow(
      /Elasticsearch view.*platform projections rebuild/,
    );
  });
});
