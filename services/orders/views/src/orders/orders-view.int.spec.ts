import { uniqueName } from '@ledgerline/testing';
import { ordersScenario } from '../fixtures/orders';
import { postgresView, viewHarness, withHarness } from '@ledgerline/testing-projections';
import { type OrdersTables, ordersProjection } from './projection';
import { getOrder, listOrdersByCustomer, type OrderCursor, type OrderView } from './queries';

const tablesIn = (schema: string): OrdersTables => ({
  orders: `${schema}.orders_v1`,
  orderLines: `${schema}.order_lines_v1`,
});

const ordersView = () =>
  viewHarness('orders_view', (topic, schema) => [
    postgresView(
      ordersProjection({ name: uniqueName('orders'), topics: [topic], tables: tablesIn(schema) }),
    ),
  ]);

describe('the orders view', () => {
  it('holds each order with its lines, status, payment and shipping', () =>
    withHarness(ordersView(), async (views) => {
      const { orders: o, customer, merchant, events } = ordersScenario();
      await views.publish(events);
      const tables = tablesIn(views.schema);

      const shipped = await getOrder(views.pool, tables, o.teapotShipped.orderId);
      expect(shipped).toMatchObject({
        customerId: customer.c1.id,
        merchantId: merchant.m1.id,
        customerAccountId: customer.c1.accountId,
        merchantAccountId: merchant.m1.accountId,
        currency: 'USD',
        totalMinor: 7_800,
        status: 'shipped',
        carrier: 'DHL',
        trackingNumber: 'JD0146',
        placedAt: '2025-03-01T10:00:00.000Z',
        confirmedAt: '2025-03-01T10:05:00.000Z',
        shippedAt: '2025-03-02T16:00:00.000Z',
        cancelledAt: null,
        streamVersion: 3,
        lines: [
          {
            lineNo: 1,
            sku: 'TEA-1',
            description: 'Blue ceramic teapot',
            quantity: 1,
            unitPriceMinor: 4_200,
            lineTotalMinor: 4_200,
          },
          {
            lineNo: 2,
            sku: 'CUP-2',
            description: 'Ceramic cup, white',
            quantity: 4,
            unitPriceMinor: 900,
            lineTotalMinor: 3_600,
          },
        ],
      });
      expect(shipped?.paymentId).toEqual(expect.any(String));
      expect(await getOrder(views.pool, tables, o.spoonsRefunded.orderId)).toMatchObject({
        status: 'cancelled',
        cancelReason: 'out of stock',
        paymentId: expect.any(String) as unknown,
        streamVersion: 3,
      });
      expect(await getOrder(views.pool, tables, o.ironTeapotCancelled.orderId)).toMatchObject({
        status: 'cancelled',
        paymentId: null,
        confirmedAt: null,
        lines: [{ sku: 'TEA-2' }, { sku: 'LEAF-1', quantity: 3, lineTotalMinor: 3_600 }],
      });
      expect(await getOrder(views.pool, tables, 'no-such-order')).toBeUndefined();
    }));

  it("lists a customer's orders oldest first, page after page, each once", () =>
    withHarness(ordersView(), async (views) => {
      const { orders: o, customer, events } = ordersScenario();
      await views.publish(events);
      const tables = tablesIn(views.schema);
      const pages: OrderView[][] = [];
      let after: OrderCursor | undefined;
      do {
        const page = await listOrdersByCustomer(views.pool, tables, {
          customerId: customer.c1.id,
          limit: 3,
          after,
        });
        pages.push([...page.orders]);
        after = page.next ?? undefined;
      } while (after);

      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      expect(pages.flat().map((order) => order.orderId)).toEqual(
        [
          o.teapotShipped,
          o.kettleConfirmed,
          o.spoonsRefunded,
          o.small1,
          o.small2,
          o.small3,
          o.teapotLate,
        ].map((x) => x.orderId),
      );
      expect(pages[0]![0]!.lines).toHaveLength(2);
      expect(pages[2]![0]!.lines.map((l) => l.description)).toEqual([
        'Ceramic teapot with infuser',
      ]);

      const other = await listOrdersByCustomer(views.pool, tables, {
        customerId: customer.c2.id,
        limit: 2,
      });
      expect(other.orders.map((order) => order.orderId)).toEqual([
        o.ironTeapotCancelled.orderId,
        o.mugInEuros.orderId,
      ]);
      expect(other.next).toBeNull();
    }));

  it('lists only the orders one subject placed, and keeps placed_by null where none was named', () =>
    withHarness(ordersView(), async (views) => {
      const { orders: o, customer, user, events } = ordersScenario();
      await views.publish(events);
      const tables = tablesIn(views.schema);
      const own = await listOrdersByCustomer(views.pool, tables, {
        customerId: customer.c1.id,
        placedBy: user.c1,
        limit: 4,
      });
      expect(own.orders.map((order) => order.orderId)).toEqual(
        [o.teapotShipped, o.kettleConfirmed, o.spoonsRefunded, o.small1].map((x) => x.orderId),
      );
      const rest = await listOrdersByCustomer(views.pool, tables, {
        customerId: customer.c1.id,
        placedBy: user.c1,
        limit: 4,
        after: own.next ?? undefined,
      });
      // small3 was placed before placed_by was recorded: nobody's own.
      expect(rest.orders.map((order) => order.orderId)).toEqual(
        [o.small2, o.teapotLate].map((x) => x.orderId),
      );
      expect(rest.next).toBeNull();
      const others = await listOrdersByCustomer(views.pool, tables, {
        customerId: customer.c2.id,
        placedBy: user.c1,
        limit: 10,
      });
      expect(others.orders).toEqual([]);
      expect((await getOrder(views.pool, tables, o.small1.orderId))?.placedBy).toBe(user.c1);
      expect((await getOrder(views.pool, tables, o.small3.orderId))?.placedBy).toBeNull();
    }));

  it('changes nothing when every event is delivered again, with or without checkpoints', () =>
    withHarness(ordersView(), async (views) => {
      const { events } = ordersScenario();
      await views.publish(events);
      const snapshot = async () => ({
        orders: (
          await views.pool.query(`SELECT * FROM ${views.schema}.orders_v1 ORDER BY order_id`)
        ).rows as unknown[],
        lines: (
          await views.pool.query(
            `SELECT * FROM ${views.schema}.order_lines_v1 ORDER BY order_id, line_no`,
          )
        ).rows as unknown[],
      });
      const before = await snapshot();
      expect(before.orders).toHaveLength(9);
      expect(before.lines).toHaveLength(11);

      await views.republish();
      expect((await views.projectors()[0]!.status()).totals).toMatchObject({
        applied: events.length,
        duplicates: events.length,
      });
      expect(await snapshot()).toEqual(before);

      const early = events.slice(0, 8);
      await views.replayWithLostState(early);
      expect((await views.projectors()[0]!.status()).totals.applied).toBe(early.length);
      expect(await snapshot()).toEqual(before);
    }));
});
