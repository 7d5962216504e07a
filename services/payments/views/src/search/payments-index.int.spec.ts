import { analystQuery } from '../fixtures/analyst-queries';
import { paymentsScenario } from '../fixtures/payments';
import { searchIndexUnderTest, withHarness } from '@ledgerline/testing-projections';
import { type PaymentDocument } from './payment-document';
import { paymentsIndex, paymentsSearchProjection } from './projection';

interface CompositeBucket {
  key: { merchant: string; currency: string; day: string };
  capturedAmount: { value: number };
}
interface ReasonBucket {
  key: string;
  doc_count: number;
  byCurrency: { buckets: { key: string; amount: { value: number } }[] };
}

describe('the payments index', () => {
  const index = searchIndexUnderTest<PaymentDocument>({
    name: 'payments',
    index: paymentsIndex,
    projection: paymentsSearchProjection,
    sortBy: 'paymentId',
  });
  const { documents } = index;
  const paymentsSearch = index.open;

  it('holds one document per payment, versioned by its stream, and answers the analyst queries', async () => {
    const { alias, harness } = paymentsSearch();
    await withHarness(harness, async (views) => {
      const scenario = paymentsScenario();
      await views.publish(scenario.events);
      const { payments: p, merchant, owner } = scenario;

      const docs = await documents(alias);
      expect(docs).toHaveLength(10);
      // The customer it is for, where the creation said; no field at all where it did not.
      expect(docs.find((d) => d.paymentId === p.captured1.paymentId)?.ownerId).toBe(owner.p1);
      expect(docs.find((d) => d.paymentId === p.authorized.paymentId)).not.toHaveProperty(
        'ownerId',
      );
      const mine = await index.client().search<PaymentDocument>({
        index: alias,
        query: { term: { ownerId: owner.p1 } },
      });
      expect(mine.hits.hits).toHaveLength(3);
      expect(docs.find((d) => d.paymentId === p.partiallyRefunded.paymentId)).toMatchObject({
        status: 'partially_refunded',
        amount: 700,
        amountMajor: 7,
        capturedAmount: 700,
        refundedAmount: 200,
        createdAt: '2025-03-01T12:00:00.000Z',
        capturedAt: '2025-03-01T12:02:00.000Z',
        refundedAt: '2025-03-02T09:00:00.000Z',
        streamVersion: 4,
        _version: 4,
      });
      expect(docs.find((d) => d.paymentId === p.capturedYen.paymentId)).toMatchObject({
        currency: 'JPY',
        amount: 5_000,
        amountMajor: 5_000,
      });
      expect(docs.find((d) => d.paymentId === p.failedAuthorized.paymentId)).toMatchObject({
        status: 'failed',
        failureReason: 'account-frozen',
        _version: 3,
      });

      // Total captured per merchant per day (refunds later do not undo a capture).
      const captured = await index.client().search({
        index: alias,
        ...analystQuery('captured-per-merchant-per-day.json'),
      });
      const buckets = (captured.aggregations!['captured'] as { buckets: CompositeBucket[] })
        .buckets;
      expect(
        buckets.map((b) => [b.key.merchant, b.key.currency, b.key.day, b.capturedAmount.value]),
      ).toEqual(
        expect.arrayContaining([
          [merchant.m1, 'USD', '2025-03-01', 3_500],
          [merchant.m1, 'USD', '2025-03-02', 4_000],
          [merchant.m1, 'JPY', '2025-03-03', 5_000],
          [merchant.m2, 'USD', '2025-03-01', 700],
        ]),
      );
      expect(buckets).toHaveLength(4);

      // Failed payments by reason, with the amounts per currency.
      const failed = await index.client().search({
        index: alias,
        ...analystQuery('failed-payments-by-reason.json'),
      });
      const reasons = (failed.aggregations!['reasons'] as { buckets: ReasonBucket[] }).buckets;
      expect(
        reasons.map((r) => [
          r.key,
          r.doc_count,
          r.byCurrency.buckets.map((c) => [c.key, c.amount.value]),
        ]),
      ).toEqual([
        ['insufficient-funds', 2, [['USD', 1_800]]],
        ['account-frozen', 1, [['USD', 900]]],
      ]);
    });
  });

  it('never regresses a document when events are delivered again, with or without checkpoints', async () => {
    const { alias, harness } = paymentsSearch();
    await withHarness(harness, async (views) => {
      const scenario = paymentsScenario();
      await views.publish(scenario.events);
      const before = await documents(alias);

      await views.republish();
      expect((await views.projectors()[0]!.status()).totals.duplicates).toBe(
        scenario.events.length,
      );
      expect(await documents(alias)).toEqual(before);

      // Lost checkpoints: the early events reach the handler again, which sees the newer
      // document and writes nothing (external versions would refuse it anyway).
      await views.replayWithLostState(scenario.events.slice(0, 14));
      expect(await documents(alias)).toEqual(before);
    });
  });
});
