import { searchIndexUnderTest, withHarness } from '@ledgerline/testing-projections';
import { analystQuery } from '../fixtures/analyst-queries';
import { directoryScenario } from '../fixtures/directory';
import { type AccountDocument } from './account-document';
import { accountsIndex, accountsSearchProjection } from './projection';

interface CurrencyBucket {
  key: string;
  doc_count: number;
  balance?: { value: number };
  available?: { value: number };
  held?: { value: number };
}
interface Bucket {
  key: string;
  doc_count: number;
  byCurrency: { buckets: CurrencyBucket[] };
}

describe('the accounts index', () => {
  const index = searchIndexUnderTest<AccountDocument>({
    name: 'accounts',
    index: accountsIndex,
    projection: accountsSearchProjection,
    sortBy: 'accountId',
  });
  const { documents } = index;
  const accountsSearch = index.open;

  const aggregation = async (alias: string, file: string, name: string) => {
    const result = await index.client().search({ index: alias, ...analystQuery(file) });
    return (result.aggregations![name] as { buckets: Bucket[] }).buckets.map((bucket) => [
      bucket.key,
      bucket.doc_count,
      Object.fromEntries(
        bucket.byCurrency.buckets.map((c) => [
          c.key,
          c.held?.value ?? [c.balance?.value, c.available?.value],
        ]),
      ),
    ]);
  };

  it('holds one document per account, versioned by its stream, and answers the analyst queries', async () => {
    const { alias, harness } = accountsSearch();
    await withHarness(harness, async (views) => {
      const scenario = directoryScenario();
      await views.publish(scenario.events);
      const { alice, bob, gone } = scenario.accounts;

      const docs = await documents(alias);
      expect(docs).toHaveLength(7);
      expect(docs.find((d) => d.accountId === alice.accountId)).toEqual({
        accountId: alice.accountId,
        ownerId: alice.ownerId,
        kind: 'customer',
        currency: 'USD',
        status: 'open',
        frozenReason: null,
        balanceMinor: 10_000,
        reservedMinor: 2_500,
        availableMinor: 7_500,
        openedAt: expect.stringMatching(/^2025-03-01T/) as string,
        updatedAt: expect.stringMatching(/^2025-03-01T/) as string,
        streamVersion: 3,
        _version: 3,
      });
      expect(docs.find((d) => d.accountId === bob.accountId)).toMatchObject({
        status: 'frozen',
        frozenReason: 'fraud-review',
        _version: 3,
      });
      expect(docs.find((d) => d.accountId === gone.accountId)).toMatchObject({ status: 'closed' });

      // Money on accounts not closed, per kind and currency: balance and what is available.
      expect(await aggregation(alias, 'funds-by-kind-and-currency.json', 'kinds')).toEqual([
        ['customer', 5, { USD: [14_800, 12_300], EUR: [4_500, 4_500] }],
        ['merchant', 1, { USD: [50_000, 50_000] }],
      ]);
      // Frozen accounts by reason, with the money they hold per currency.
      expect(await aggregation(alias, 'frozen-accounts-by-reason.json', 'reasons')).toEqual([
        ['fraud-review', 2, { USD: 4_000, EUR: 1_500 }],
        ['court-order', 1, { USD: 800 }],
      ]);
    });
  });

  it('never regresses a document when events are delivered again, with or without checkpoints', async () => {
    const { alias, harness } = accountsSearch();
    await withHarness(harness, async (views) => {
      const scenario = directoryScenario();
      await views.publish(scenario.events);
      const before = await documents(alias);

      await views.republish();
      expect(await documents(alias)).toEqual(before);
      // Lost checkpoints: the early events reach the handler again, which sees the newer
      // document and writes nothing.
      await views.replayWithLostState(scenario.events.slice(0, 5));
      expect(await documents(alias)).toEqual(before);
    });
  });
});
