import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { type RpcError } from '@ledgerline/grpc';
import { type OrdersClient } from '@ledgerline/orders-client';
import { findDetail } from '@ledgerline/proto';
import { newOrder, orderLine, startOrdersUnderTest } from '../fixtures/orders-under-test';

let orders: Awaited<ReturnType<typeof startOrdersUnderTest>>;

beforeAll(async () => {
  orders = await startOrdersUnderTest();
});
afterAll(() => orders?.stop());

const rejection = async (call: Promise<unknown>): Promise<RpcError> => {
  try {
    await call;
  } catch (error) {
    return error as RpcError;
  }
  throw new Error('expected the call to fail');
};

// Each row sends one bad field to a fresh order id, then checks that the order's stream is empty.
type Send = (client: OrdersClient, orderId: string) => Promise<unknown>;

const place =
  (overrides: Record<string, unknown>): Send =>
  (client, orderId) =>
    client.placeOrder(newOrder({ orderId, ...overrides }));

/** Three good lines with `overrides` applied to the third (index 2). */
const thirdLine = (overrides: Record<string, unknown>) =>
  place({ lines: [orderLine(), orderLine(), orderLine(overrides)] });

const HUGE_UUID = `${randomUUID()}${'x'.repeat(10_000)}`;
const ACCOUNT = 'a3bb189e-8bf9-3888-9912-ace4e6543002';

const rows: [string, Send, string, string][] = [
  ['no lines', place({ lines: [] }), 'lines', 'at least one line'],
  [
    '101 lines',
    place({ lines: Array.from({ length: 101 }, () => orderLine()) }),
    'lines',
    'at most 100 lines',
  ],
  ['quantity 0', thirdLine({ quantity: 0 }), 'lines[2].quantity', 'from 1 to 10000'],
  ['quantity 10 001', thirdLine({ quantity: 10_001 }), 'lines[2].quantity', 'from 1 to 10000'],
  ['quantity negative', thirdLine({ quantity: -1 }), 'lines[2].quantity', 'from 1 to 10000'],
  [
    'unit price zero',
    thirdLine({ unitPriceMinor: '0' }),
    'lines[2].unitPriceMinor',
    'greater than zero',
  ],
  [
    'unit price negative',
    thirdLine({ unitPriceMinor: -100 }),
    'lines[2].unitPriceMinor',
    'greater than zero',
  ],
  [
    'unit price over the cap',
    thirdLine({ unitPriceMinor: '10000000000001' }),
    'lines[2].unitPriceMinor',
    '10000000000000',
  ],
  [
    'line total over the cap',
    thirdLine({ quantity: 10_000, unitPriceMinor: '10000000000' }),
    'lines[2]',
    'must not exceed',
  ],
  [
    'order total over the cap',
    place({
      lines: Array.from({ length: 2 }, () =>
        orderLine({ quantity: 1, unitPriceMinor: '6000000000000' }),
      ),
    }),
    'lines',
    'order total must not exceed',
  ],
  ['sku missing', thirdLine({ sku: ' ' }), 'lines[2].sku', 'is required'],
  ['sku too long', thirdLine({ sku: 's'.repeat(65) }), 'lines[2].sku', 'at most 64'],
  [
    'description huge',
    thirdLine({ description: 'd'.repeat(10_000) }),
    'lines[2].description',
    'at most 500',
  ],
  // The typed client refuses these before sending: protobufjs would silently send 1.5 as 1,
  // '7' as 7 and a fractional price truncated.
  ['quantity a fraction', thirdLine({ quantity: 1.5 }), 'lines[2].quantity', 'must be an integer'],
  [
    'quantity of the wrong type',
    thirdLine({ quantity: 'many' }),
    'lines[2].quantity',
    'must be an integer',
  ],
  [
    'unit price a fraction',
    thirdLine({ unitPriceMinor: '12.5' }),
    'lines[2].unitPriceMinor',
    'must be an integer',
  ],
  ['currency unknown', place({ currency: 'XXX' }), 'currency', 'not supported'],
  ['currency missing', place({ currency: '' }), 'currency', 'ISO 4217'],
  ['customerId missing', place({ customerId: '' }), 'customerId', 'is required'],
  ['merchantId malformed', place({ merchantId: 'merchant-7' }), 'merchantId', 'UUID or a ULID'],
  [
    'customerAccountId huge',
    place({ customerAccountId: HUGE_UUID }),
    'customerAccountId',
    'UUID or a ULID',
  ],
  [
    'merchantAccountId of the wrong type',
    place({ merchantAccountId: 7 }),
    'merchantAccountId',
    'UUID or a ULID',
  ],
  [
    'merchant account same as customer account',
    place({ customerAccountId: ACCOUNT, merchantAccountId: ACCOUNT.toUpperCase() }),
    'merchantAccountId',
    'must differ from customerAccountId',
  ],
  [
    'idempotency key too long',
    place({ idempotencyKey: 'k'.repeat(129) }),
    'idempotencyKey',
    'at most 128',
  ],
  // Text the event store cannot hold (PostgreSQL refuses NUL in text and jsonb) or that is no
  // single line: refused by the one text rule, not failed inside the append.
  [
    'sku with a NUL',
    thirdLine({ sku: 'SKU-1\u0000' }),
    'lines[2].sku',
    'must not contain control characters (U+0000 at index 5)',
  ],
  [
    'description with a line feed',
    thirdLine({ description: 'two\nlines' }),
    'lines[2].description',
    'must not contain control characters (U+000A at index 3)',
  ],
  [
    'description with DEL',
    thirdLine({ description: 'mug\u007f' }),
    'lines[2].description',
    'must not contain control characters (U+007F',
  ],
  [
    'idempotency key with a NUL',
    place({ idempotencyKey: '\u0000' }),
    'idempotencyKey',
    'must not contain control characters',
  ],
  [
    'reason with a NUL on cancel',
    (client, orderId) => client.cancelOrder({ orderId, reason: 'changed\u0000mind' }),
    'reason',
    'must not contain control characters',
  ],
  [
    'carrier with a tab',
    (client, orderId) => client.markOrderShipped({ orderId, carrier: 'DHL\tExpress' }),
    'carrier',
    'must not contain control characters (U+0009',
  ],
  [
    'tracking number that is only a NUL',
    (client, orderId) => client.markOrderShipped({ orderId, trackingNumber: '\u0000' }),
    'trackingNumber',
    'must not contain control characters',
  ],
  [
    'paymentId missing on confirm',
    (client, orderId) => client.confirmOrder({ orderId, paymentId: '' }),
    'paymentId',
    'is required',
  ],
  [
    'reason missing on cancel',
    (client, orderId) => client.cancelOrder({ orderId, reason: '' }),
    'reason',
    'is required',
  ],
  [
    'reason too long on cancel',
    (client, orderId) => client.cancelOrder({ orderId, reason: 'r'.repeat(501) }),
    'reason',
    'at most 500',
  ],
  [
    'carrier too long',
    (client, orderId) => client.markOrderShipped({ orderId, carrier: 'c'.repeat(101) }),
    'carrier',
    'at most 100',
  ],
  [
    'tracking number too long',
    (client, orderId) => client.markOrderShipped({ orderId, trackingNumber: 't'.repeat(101) }),
    'trackingNumber',
    'at most 100',
  ],
];

describe('bad input', () => {
  it.each(rows)(
    'refuses %s as INVALID_ARGUMENT naming the field, writing nothing',
    async (_, send, field, reason) => {
      const orderId = randomUUID();
      const error = await rejection(send(orders.client, orderId));
      expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(error.details.startsWith(`${field}: `)).toBe(true);
      expect(error.details).toContain(reason);
      expect(findDetail(error.errorDetails, 'BadRequest')?.fieldViolations[0]?.field).toBe(field);
      expect(await orders.stream(orderId)).toEqual([]);
    },
  );

  it.each([
    ['missing', ''],
    ['malformed', 'order-1'],
    ['huge', HUGE_UUID],
  ])('refuses a %s orderId on every command', async (_, orderId) => {
    const client = orders.client;
    const calls = [
      client.placeOrder(newOrder({ orderId })),
      client.confirmOrder({ orderId, paymentId: randomUUID() }),
      client.cancelOrder({ orderId, reason: 'changed my mind' }),
      client.markOrderShipped({ orderId }),
    ];
    for (const error of await Promise.all(calls.map(rejection))) {
      expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(findDetail(error.errorDetails, 'BadRequest')?.fieldViolations[0]?.field).toBe(
        'orderId',
      );
    }
  });

  it('checks the fields before the order: a bad confirm on a placed order changes nothing', async () => {
    const order = newOrder();
    await orders.client.placeOrder(order);
    const error = await rejection(
      orders.client.confirmOrder({ orderId: order.orderId, paymentId: 'pay-1' }),
    );
    expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(await orders.stream(order.orderId)).toHaveLength(1);
  });

  it('refuses a NUL in the cancel reason of a placed order, leaving it unchanged', async () => {
    const order = newOrder();
    await orders.client.placeOrder(order);
    const error = await rejection(
      orders.client.cancelOrder({ orderId: order.orderId, reason: 'changed\u0000mind' }),
    );
    expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(findDetail(error.errorDetails, 'BadRequest')?.fieldViolations[0]?.field).toBe('reason');
    expect(await orders.stream(order.orderId)).toHaveLength(1);
  });

  it('refuses a request over the size cap with RESOURCE_EXHAUSTED', async () => {
    const orderId = randomUUID();
    const lines = Array.from({ length: 100 }, () => orderLine({ description: 'd'.repeat(700) }));
    const error = await rejection(orders.client.placeOrder(newOrder({ orderId, lines })));
    expect(error.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(await orders.stream(orderId)).toEqual([]);
  });
});
