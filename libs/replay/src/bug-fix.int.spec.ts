import { type Cache, createCache, retireNamespace } from '@ledgerline/cache';
import { createLogger } from '@ledgerline/logging';
import { servers, uniqueName } from '@ledgerline/testing';
import { paymentsReleases } from './fixtures/buggy-payments';
import { foldPayments, paymentsInTable } from './fixtures/expected-payments';
import { type Pipeline, pipelineNames, startPipeline } from './fixtures/pipeline';
import { rebuild, rollback } from './rebuild';

describe('a projection bug fixed in code, then rebuilt', () => {
  const names = pipelineNames();
  const table = `${names.readSchema}.payments_v1`;
  const { fixed, buggy } = paymentsReleases(`${names.category}.payments`, names.topic, table);
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline(names);
    await pipeline.startLive(buggy);
    await pipeline.writePayments(100);
    await pipeline.liveCaughtUp(fixed.name);
  }, 60_000);
  afterAll(() => pipeline?.close());

  const capturedAmounts = async () =>
    (await paymentsInTable(pipeline.pool, table)).map((row) => Number(row.capturedAmount));
  // The payments query service's cache-aside read of one payment, against the real Redis.
  const cacheNamespace = uniqueName('replay-cache');
  let cache: Cache;
  let redisUrl: string;
  const cachedCapture = async (paymentId: string) =>
    (
      await cache.read(paymentId, { ttlMs: 60_000 }, async () => {
        const { rows } = await pipeline.pool.query<{ captured_amount: string; version: string }>(
          `SELECT p.captured_amount, s.version FROM ${table} p
             JOIN ${names.readSchema}.projection_streams s
               ON s.projection = $2 AND s.stream_id = $3
            WHERE p.payment_id = $1`,
          [paymentId, fixed.name, `${names.category}-${paymentId}`],
        );
        const row = rows[0];
        return row && { value: Number(row.captured_amount), version: Number(row.version) };
      })
    )?.value;
  beforeAll(async () => {
    redisUrl = (await servers()).redisUrl;
    cache = await createCache({
      redisUrl,
      namespace: cacheNamespace,
      logger: createLogger({ service: 'replay-test', level: 'warn' }),
    });
  });
  afterAll(() => cache?.close());

  it('refuses to switch on differences, switches when told, and rolls back to the old copy', async () => {
    const before = await capturedAmounts();
    expect(before.every((amount) => amount >= 1_000)).toBe(true);

    await expect(rebuild(pipeline.deps, pipeline.view(fixed))).rejects.toThrow(
      /differs from the live one \(payments: live 100 rows, new 100 rows, 100 only in live, 100 only in new\); not switched/,
    );
    expect(await capturedAmounts()).toEqual(before); // the live copy is untouched

    const [one] = await paymentsInTable(pipeline.pool, table);
    const buggyAmount = await cachedCapture(one!.paymentId);
    expect(buggyAmount).toBeGreaterThanOrEqual(1_000); // cached, at the stream's last version

    const summary = await rebuild(
      { ...pipeline.deps, retireCache: (namespace) => retireNamespace(redisUrl, namespace) },
      { ...pipeline.view(fixed), cacheNamespace },
      { acceptDifferences: true },
    );
    expect(summary.resumed).toBe(true); // the refused run's copy, continued
    // Same stream version, different row: only retiring the namespace keeps the bug out.
    expect(summary.cache).toEqual({ namespace: cacheNamespace, retired: true });
    expect(await cachedCapture(one!.paymentId)).toBe(buggyAmount! / 10);
    expect(summary.verification?.equal).toBe(false);
    expect(summary.verification?.tables[0]?.samples.length).toBeGreaterThan(0);
    expect(await paymentsInTable(pipeline.pool, table)).toEqual(
      foldPayments(await pipeline.allEvents()),
    );

    // Events after the switch land in the new copy; the rollback catches the old one up.
    await pipeline.writePayments(10);
    await pipeline.liveCaughtUp(fixed.name);
    const back = await rollback(pipeline.deps, pipeline.view(buggy));
    expect(back.live.generation).toBe(1);
    expect(back.events).toBe(30);
    const after = await capturedAmounts();
    expect(after).toHaveLength(110);
    expect(after.every((amount) => amount >= 1_000)).toBe(true);
    await pipeline.writePayments(5);
    await pipeline.liveCaughtUp(fixed.name);
    expect(await capturedAmounts()).toHaveLength(115);
  }, 90_000);
});
