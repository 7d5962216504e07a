import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { type RpcError } from '@ledgerline/grpc';
import { type CommandReceipt } from '@ledgerline/orders-client';
import { ORDER_STREAM_CATEGORY, orderStreamId } from '@ledgerline/orders-domain';
import { findDetail } from '@ledgerline/proto';
import { topicForCategory } from '@ledgerline/relay';
import {
  deduplicate,
  readCategory,
  versionsByStream,
  watchPlatformTopics,
} from '@ledgerline/testing-kafka';
import { newOrder, startOrdersUnderTest } from '../fixtures/orders-under-test';

let orders: Awaited<ReturnType<typeof startOrdersUnderTest>>;
const touched = new Set<string>();

// Watches the platform's own topics for the whole file: none of these streams may reach them.
let platformTopics: Awaited<ReturnType<typeof watchPlatformTopics>>;

beforeAll(async () => {
  platformTopics = await watchPlatformTopics();
  orders = await startOrdersUnderTest();
});
afterAll(async () => {
  await orders?.stop();
  await platformTopics?.close();
});

const rejection = async (call: Promise<unknown>): Promise<RpcError> => {
  try {
    await call;
  } catch (error) {
    return error as RpcError;
  }
  throw new Error('expected the call to fail');
};

/** Places an order (and remembers its stream for the Kafka check). */
const place = async (overrides: Record<string, unknown> = {}) => {
  const request = newOrder(overrides);
  touched.add(orderStreamId(request.orderId.toLowerCase()));
  const receipt = await orders.client.placeOrder(request);
  return { ...request, receipt };
};

const confirmed = async () => {
  const order = await place();
  const paymentId = randomUUID();
  await orders.client.confirmOrder({ orderId: order.orderId, paymentId });
  return { ...order, paymentId };
};

const eventTypes = async (orderId: string) =>
  (await orders.stream(orderId)).map((event) => event.type);

describe('an order that ships', () => {
  it('goes placed → confirmed → shipped, one version per command', async () => {
    const order = await place();
    const { orderId } = order;
    const paymentId = randomUUID();
    const receipts: CommandReceipt[] = [order.receipt];
    receipts.push(await orders.client.confirmOrder({ orderId, paymentId }));
    receipts.push(
      await orders.client.markOrderShipped({ orderId, carrier: 'DHL', trackingNumber: 'JD0141' }),
    );

    expect(receipts.map((r) => [r.streamId, r.streamVersion, r.replayed])).toEqual(
      [1, 2, 3].map((v) => [`order-${orderId}`, String(v), false]),
    );
    const events = await orders.stream(orderId);
    expect(events.map((e) => e.type)).toEqual(['OrderPlaced', 'OrderConfirmed', 'OrderShipped']);
    expect(events[0]?.data).toMatchObject({
      totalMinor: 2 * 1250 + 499,
      currency: 'EUR',
      lines: [
        { sku: 'SKU-1', quantity: 2, unitPriceMinor: 1250, lineTotalMinor: 2500 },
        { sku: 'SKU-2', quantity: 1, unitPriceMinor: 499, lineTotalMinor: 499 },
      ],
    });
    expect(events[2]?.data).toMatchObject({ paymentId, carrier: 'DHL', trackingNumber: 'JD0141' });
  });

  it('ships without carrier or tracking number', async () => {
    const { orderId } = await confirmed();
    await orders.client.markOrderShipped({ orderId });
    const events = await orders.stream(orderId);
    expect(events[2]?.data).toMatchObject({ carrier: null, trackingNumber: null });
  });

  it('addresses one stream whatever the case of the id', async () => {
    const orderId = randomUUID();
    await place({ orderId: orderId.toUpperCase() });
    const receipt = await orders.client.cancelOrder({ orderId, reason: 'changed my mind' });
    expect(receipt).toMatchObject({ streamId: `order-${orderId}`, streamVersion: '2' });
  });
});

describe('an order that is cancelled', () => {
  it('cancels a placed order with nothing to refund', async () => {
    const { orderId } = await place();
    const receipt = await orders.client.cancelOrder({ orderId, reason: 'out of stock' });
    expect(receipt).toMatchObject({ streamVersion: '2', replayed: false });
    const [, cancelled] = await orders.stream(orderId);
    expect(cancelled).toMatchObject({
      type: 'OrderCancelled',
      data: { reason: 'out of stock', wasConfirmed: false, paymentId: null },
    });
  });

  it('cancels a confirmed order naming the payment to refund', async () => {
    const { orderId, paymentId } = await confirmed();
    await orders.client.cancelOrder({ orderId, reason: 'customer request' });
    const events = await orders.stream(orderId);
    expect(events[2]).toMatchObject({
      type: 'OrderCancelled',
      data: { wasConfirmed: true, paymentId },
    });
  });
});

describe('errors', () => {
  it('INVALID_ARGUMENT names the field in the message and in BadRequest', async () => {
    const order = newOrder();
    order.lines = [order.lines[0]!, order.lines[1]!, { ...order.lines[0]!, quantity: 0 }];
    const error = await rejection(orders.client.placeOrder(order));
    expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error.details).toBe('lines[2].quantity: must be an integer from 1 to 10000');
    expect(findDetail(error.errorDetails, 'BadRequest')?.fieldViolations).toEqual([
      { field: 'lines[2].quantity', description: 'must be an integer from 1 to 10000' },
    ]);
    expect(await orders.stream(order.orderId)).toEqual([]);
  });

  it.each([
    ['ship a placed order', 'placed', 'shipped', []],
    ['confirm a confirmed order', 'confirmed', 'confirmed', ['confirm']],
    ['cancel a shipped order', 'shipped', 'cancelled', ['confirm', 'ship']],
    ['confirm a cancelled order', 'cancelled', 'confirmed', ['cancel']],
  ])('FAILED_PRECONDITION when asked to %s', async (_, from, to, history) => {
    const { orderId } = await place();
    for (const step of history) {
      if (step === 'confirm')
        await orders.client.confirmOrder({ orderId, paymentId: randomUUID() });
      if (step === 'ship') await orders.client.markOrderShipped({ orderId });
      if (step === 'cancel')
        await orders.client.cancelOrder({ orderId, reason: 'no longer needed' });
    }
    const attempt = {
      shipped: () => orders.client.markOrderShipped({ orderId }),
      confirmed: () => orders.client.confirmOrder({ orderId, paymentId: randomUUID() }),
      cancelled: () => orders.client.cancelOrder({ orderId, reason: 'too late' }),
    }[to]!;
    const error = await rejection(attempt());
    expect(error.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(error.details).toBe(`order ${orderId} cannot go from ${from} to ${to}`);
    expect(findDetail(error.errorDetails, 'ErrorInfo')?.metadata).toEqual({
      rule: 'illegal-transition',
    });
    expect(await orders.stream(orderId)).toHaveLength(1 + history.length);
  });

  it('FAILED_PRECONDITION when the order id is taken', async () => {
    const { receipt: _, ...request } = await place();
    const error = await rejection(orders.client.placeOrder(request));
    expect(error.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(findDetail(error.errorDetails, 'ErrorInfo')?.metadata).toEqual({
      rule: 'already-exists',
    });
    expect(await orders.stream(request.orderId)).toHaveLength(1);
  });

  it('NOT_FOUND for an order that was never placed', async () => {
    const orderId = randomUUID();
    const error = await rejection(orders.client.confirmOrder({ orderId, paymentId: randomUUID() }));
    expect(error.code).toBe(grpc.status.NOT_FOUND);
    expect(error.details).toBe(`order ${orderId} not found`);
    expect(findDetail(error.errorDetails, 'ResourceInfo')).toMatchObject({
      resourceType: 'order',
      resourceName: orderId,
    });
    expect(await orders.stream(orderId)).toEqual([]);
  });

  it('ALREADY_EXISTS for an idempotency key reused with a different request', async () => {
    const idempotencyKey = randomUUID();
    const first = await place({ idempotencyKey });
    const other = newOrder({ idempotencyKey });
    const error = await rejection(orders.client.placeOrder(other));
    expect(error.code).toBe(grpc.status.ALREADY_EXISTS);
    expect(findDetail(error.errorDetails, 'ErrorInfo')?.reason).toBe('IDEMPOTENCY_KEY_CONFLICT');
    expect(await orders.stream(other.orderId)).toEqual([]);
    expect(await orders.stream(first.orderId)).toHaveLength(1);
  });
});

describe('idempotency', () => {
  it('answers a repeated key with the original receipt and records once', async () => {
    const request = newOrder({ idempotencyKey: randomUUID() });
    touched.add(orderStreamId(request.orderId));
    const first = await orders.client.placeOrder(request);
    const second = await orders.client.placeOrder(request);
    expect(first.replayed).toBe(false);
    expect(second).toEqual({ ...first, replayed: true });
    expect(await eventTypes(request.orderId)).toEqual(['OrderPlaced']);
  });

  it('honours the key sent as the idempotency-key header', async () => {
    const { orderId } = await place();
    const idempotencyKey = randomUUID();
    const request = { orderId, paymentId: randomUUID() };
    const first = await orders.client.confirmOrder(request, { idempotencyKey });
    const second = await orders.client.confirmOrder(request, { idempotencyKey });
    expect(second).toEqual({ ...first, replayed: true });
    expect(await eventTypes(orderId)).toEqual(['OrderPlaced', 'OrderConfirmed']);
  });

  it('records one effect for ten concurrent calls with the same key', async () => {
    const request = newOrder({ idempotencyKey: randomUUID() });
    touched.add(orderStreamId(request.orderId));
    const receipts = await Promise.all(
      Array.from({ length: 10 }, () => orders.client.placeOrder(request)),
    );
    const original = receipts.filter((r) => !r.replayed);
    expect(original).toHaveLength(1);
    for (const receipt of receipts)
      expect(receipt).toEqual({ ...original[0], replayed: receipt.replayed });
    expect(await eventTypes(request.orderId)).toEqual(['OrderPlaced']);
  });
});

describe('publication', () => {
  // Runs last: every order the tests above wrote must reach Kafka, each stream in order.
  it(`publishes every event to ${topicForCategory(ORDER_STREAM_CATEGORY)} in stream order (its own, none to the platform's)`, async () => {
    const streamIds = [...touched];
    const stored = await Promise.all(
      streamIds.map(async (id) => (await orders.stream(id.slice('order-'.length))).length),
    );
    const expected = stored.reduce((sum, n) => sum + n, 0);
    const reader = await readCategory(ORDER_STREAM_CATEGORY, streamIds, {
      namespace: orders.namespace,
    });
    try {
      const events = deduplicate(await reader.waitForDistinct(expected));
      expect(events).toHaveLength(expected);
      const versions = versionsByStream(events);
      streamIds.forEach((streamId, i) => {
        const expectedVersions = Array.from({ length: stored[i] ?? 0 }, (_, v) => v + 1);
        expect(versions.get(streamId) ?? []).toEqual(expectedVersions);
      });
      // Published to the test's own prefixed topic, and nothing of it to the platform's.
      const onPlatformTopics = await platformTopics.streamIds();
      expect(streamIds.filter((id) => onPlatformTopics.has(id))).toEqual([]);
    } finally {
      await reader.close();
    }
  });
});
