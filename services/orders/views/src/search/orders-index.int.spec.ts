import { analystQuery } from '../fixtures/analyst-queries';
import { ordersScenario } from '../fixtures/orders';
import { searchIndexUnderTest, withHarness } from '@ledgerline/testing-projections';
import { type OrderDocument } from './order-document';
import { ordersIndex, ordersSearchProjection } from './projection';

describe('the orders index', () => {
  const index = searchIndexUnderTest<OrderDocument>({
    name: 'orders',
    index: ordersIndex,
    projection: ordersSearchProjection,
    sortBy: 'orderId',
  });
  const { documents } = index;
  const ordersSearch = index.open;

  it('holds one document per order with its lines, and answers the analyst queries', async () => {
    const { alias, harness } = ordersSearch();
    await withHarness(harness, async (views) => {
      const { orders: o, user, events } = ordersScenario();
      await views.publish(events);

      const docs = await documents(alias);
      expect(docs).toHaveLength(9);
      // Who placed it, where the placing said; no field at all where it did not.
      expect(docs.find((d) => d.orderId === o.teapotShipped.orderId)?.placedBy).toBe(user.c1);
      expect(docs.find((d) => d.orderId === o.small3.orderId)).not.toHaveProperty('placedBy');
      const mine = await index.client().search<OrderDocument>({
        index: alias,
        query: { term: { placedBy: user.c1 } },
        size: 20,
      });
      expect(mine.hits.hits).toHaveLength(6);
      expect(docs.find((d) => d.orderId === o.teapotShipped.orderId)).toMatchObject({
        status: 'shipped',
        totalMinor: 7_800,
        totalMajor: 78,
        carrier: 'DHL',
        lineCount: 2,
        lines: [
          { sku: 'TEA-1', description: 'Blue ceramic teapot', quantity: 1, lineTotalMinor: 4_200 },
          { sku: 'CUP-2', description: 'Ceramic cup, white', quantity: 4, lineTotalMinor: 3_600 },
        ],
        streamVersion: 3,
        _version: 3,
      });

      // Full text over line descriptions: both words, any case, in any line of the order.
      const teapots = await index.client().search<Partial<OrderDocument>>({
        index: alias,
        ...analystQuery('order-lines-full-text.json'),
      });
      expect(teapots.hits.hits.map((hit) => hit._source?.orderId).sort()).toEqual(
        [o.teapotShipped.orderId, o.teapotLate.orderId].sort(),
      );

      // USD orders of at least 100.00 placed in the first week of March, largest first.
      const large = await index.client().search<Partial<OrderDocument>>({
        index: alias,
        ...analystQuery('orders-above-amount-in-range.json'),
      });
      const sameTotal = [o.kettleConfirmed.orderId, o.ironTeapotCancelled.orderId].sort();
      expect(large.hits.hits.map((hit) => [hit._source?.orderId, hit._source?.totalMinor])).toEqual(
        [
          [o.spoonsRefunded.orderId, 20_000],
          [sameTotal[0], 12_500],
          [sameTotal[1], 12_500],
        ],
      );
    });
  });

  it('never regresses a document when events are delivered again, with or without checkpoints', async () => {
    const { alias, harness } = ordersSearch();
    await withHarness(harness, async (views) => {
      const { events } = ordersScenario();
      await views.publish(events);
      const before = await documents(alias);

      await views.republish();
      expect((await views.projectors()[0]!.status()).totals.duplicates).toBe(events.length);
      expect(await documents(alias)).toEqual(before);

      await views.replayWithLostState(events.slice(0, 8));
      expect(await documents(alias)).toEqual(before);
    });
  });
});
