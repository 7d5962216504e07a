import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { type RpcError } from '@ledgerline/grpc';
import { type CommandReceipt } from '@ledgerline/payments-client';
import { PAYMENT_STREAM_CATEGORY, paymentStreamId } from '@ledgerline/payments-domain';
import { findDetail } from '@ledgerline/proto';
import { topicForCategory } from '@ledgerline/relay';
import {
  deduplicate,
  readCategory,
  versionsByStream,
  watchPlatformTopics,
} from '@ledgerline/testing-kafka';
import { newPayment, startPaymentsUnderTest } from '../fixtures/payments-under-test';

let payments: Awaited<ReturnType<typeof startPaymentsUnderTest>>;
const touched = new Set<string>();

// Watches the platform's own topics for the whole file: none of these streams may reach them.
let platformTopics: Awaited<ReturnType<typeof watchPlatformTopics>>;

beforeAll(async () => {
  platformTopics = await watchPlatformTopics();
  payments = await startPaymentsUnderTest();
});
afterAll(async () => {
  await payments?.stop();
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

/** Creates a payment (and remembers its stream for the Kafka check). */
const create = async (overrides: Record<string, unknown> = {}) => {
  const request = newPayment(overrides);
  touched.add(paymentStreamId(request.paymentId.toLowerCase()));
  const receipt = await payments.client.createPayment(request);
  return { ...request, receipt };
};

const captured = async () => {
  const payment = await create();
  const { paymentId } = payment;
  await payments.client.authorizePayment({ paymentId, reservationId: randomUUID() });
  await payments.client.capturePayment({ paymentId });
  return payment;
};

const eventTypes = async (paymentId: string) =>
  (await payments.stream(paymentId)).map((event) => event.type);

describe('a payment that is paid and refunded', () => {
  it('goes created → authorized → captured → partially refunded → refunded', async () => {
    const payment = await create();
    const { paymentId } = payment;
    const reservationId = randomUUID();
    const receipts: CommandReceipt[] = [payment.receipt];
    receipts.push(await payments.client.authorizePayment({ paymentId, reservationId }));
    receipts.push(await payments.client.capturePayment({ paymentId }));
    receipts.push(
      await payments.client.refundPayment({ paymentId, refundId: randomUUID(), amount: '1500' }),
    );
    receipts.push(
      await payments.client.refundPayment({ paymentId, refundId: randomUUID(), amount: 3500 }),
    );

    expect(receipts.map((r) => [r.streamId, r.streamVersion, r.replayed])).toEqual(
      [1, 2, 3, 4, 5].map((v) => [`payment-${paymentId}`, String(v), false]),
    );
    const positions = receipts.map((r) => Number(r.globalPosition));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const events = await payments.stream(paymentId);
    expect(events.map((e) => e.type)).toEqual([
      'PaymentCreated',
      'PaymentAuthorized',
      'PaymentCaptured',
      'PaymentRefunded',
      'PaymentRefunded',
    ]);
    expect(events[0]?.data).toMatchObject({ amount: 5000, currency: 'EUR' });
    expect(events[2]?.data).toMatchObject({ amount: 5000, reservationId });
    expect(events[3]?.data).toMatchObject({
      amount: 1500,
      refundedTotal: 1500,
      fullyRefunded: false,
    });
    expect(events[4]?.data).toMatchObject({
      amount: 3500,
      refundedTotal: 5000,
      fullyRefunded: true,
    });
  });

  it('stamps the time the command arrived', async () => {
    const before = Date.now();
    const { paymentId } = await create();
    const [created] = await payments.stream(paymentId);
    const at = Date.parse((created?.data as { at: string }).at);
    expect(at).toBeGreaterThanOrEqual(before - 1);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('addresses one stream whatever the case of the id', async () => {
    const paymentId = randomUUID();
    await create({ paymentId: paymentId.toUpperCase() });
    const receipt = await payments.client.authorizePayment({
      paymentId,
      reservationId: randomUUID(),
    });
    expect(receipt).toMatchObject({ streamId: `payment-${paymentId}`, streamVersion: '2' });
  });

  it('records the correlation and causation ids the caller sent', async () => {
    const correlationId = randomUUID();
    const causationId = randomUUID();
    const request = newPayment();
    touched.add(paymentStreamId(request.paymentId));
    await payments.client.createPayment(request, { correlationId, causationId });
    const [created] = await payments.stream(request.paymentId);
    expect(created?.metadata).toMatchObject({ correlationId, causationId });
  });
});

describe('a payment that fails', () => {
  it('fails a created payment with no reservation to release', async () => {
    const { paymentId } = await create();
    const receipt = await payments.client.failPayment({ paymentId, reason: 'card declined' });
    expect(receipt).toMatchObject({ streamVersion: '2', replayed: false });
    const [, failed] = await payments.stream(paymentId);
    expect(failed).toMatchObject({
      type: 'PaymentFailed',
      data: { reason: 'card declined', reservationId: null },
    });
  });

  it('fails an authorized payment naming the reservation to release', async () => {
    const { paymentId } = await create();
    const reservationId = randomUUID();
    await payments.client.authorizePayment({ paymentId, reservationId });
    await payments.client.failPayment({ paymentId, reason: 'fraud suspected' });
    const events = await payments.stream(paymentId);
    expect(events[2]).toMatchObject({ type: 'PaymentFailed', data: { reservationId } });
  });
});

describe('errors', () => {
  it('INVALID_ARGUMENT names the field in the message and in BadRequest', async () => {
    const payment = newPayment({ payerAccountId: 'not-an-id' });
    const error = await rejection(payments.client.createPayment(payment));
    expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error.details).toBe('payerAccountId: must be a UUID or a ULID');
    expect(findDetail(error.errorDetails, 'BadRequest')?.fieldViolations).toEqual([
      { field: 'payerAccountId', description: 'must be a UUID or a ULID' },
    ]);
    expect(await payments.stream(payment.paymentId)).toEqual([]);
  });

  it('FAILED_PRECONDITION for an illegal transition, naming the rule', async () => {
    const { paymentId } = await create();
    const error = await rejection(payments.client.capturePayment({ paymentId }));
    expect(error.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(error.details).toBe(`payment ${paymentId} cannot go from created to captured`);
    expect(findDetail(error.errorDetails, 'PreconditionFailure')?.violations[0]).toMatchObject({
      subject: 'illegal-transition',
    });
    expect(await eventTypes(paymentId)).toEqual(['PaymentCreated']);
  });

  it('FAILED_PRECONDITION for a refund over what was captured', async () => {
    const { paymentId } = await captured();
    await payments.client.refundPayment({ paymentId, refundId: randomUUID(), amount: '4000' });
    const error = await rejection(
      payments.client.refundPayment({ paymentId, refundId: randomUUID(), amount: '1001' }),
    );
    expect(error.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(findDetail(error.errorDetails, 'ErrorInfo')?.metadata).toEqual({
      rule: 'refund-exceeds-captured',
    });
    expect(await payments.stream(paymentId)).toHaveLength(4);
  });

  it('FAILED_PRECONDITION when the payment id is taken', async () => {
    const { receipt, ...request } = await create();
    const error = await rejection(payments.client.createPayment(request));
    expect(error.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(findDetail(error.errorDetails, 'ErrorInfo')?.metadata).toEqual({
      rule: 'already-exists',
    });
    expect(receipt.streamVersion).toBe('1');
  });

  it('NOT_FOUND for a payment that was never created', async () => {
    const paymentId = randomUUID();
    const error = await rejection(payments.client.capturePayment({ paymentId }));
    expect(error.code).toBe(grpc.status.NOT_FOUND);
    expect(error.details).toBe(`payment ${paymentId} not found`);
    expect(findDetail(error.errorDetails, 'ResourceInfo')).toMatchObject({
      resourceType: 'payment',
      resourceName: paymentId,
    });
    expect(await payments.stream(paymentId)).toEqual([]);
  });

  it('ALREADY_EXISTS for an idempotency key reused with a different request', async () => {
    const idempotencyKey = randomUUID();
    const first = await create({ idempotencyKey });
    const other = newPayment({ idempotencyKey });
    const error = await rejection(payments.client.createPayment(other));
    expect(error.code).toBe(grpc.status.ALREADY_EXISTS);
    expect(findDetail(error.errorDetails, 'ErrorInfo')?.reason).toBe('IDEMPOTENCY_KEY_CONFLICT');
    expect(await payments.stream(other.paymentId)).toEqual([]);
    expect(await payments.stream(first.paymentId)).toHaveLength(1);
  });

  it('INVALID_ARGUMENT when the key field and the idempotency-key header differ', async () => {
    const request = newPayment({ idempotencyKey: randomUUID() });
    const error = await rejection(
      payments.client.createPayment(request, { idempotencyKey: randomUUID() }),
    );
    expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error.details).toMatch(/^idempotencyKey: /);
    expect(await payments.stream(request.paymentId)).toEqual([]);
  });
});

describe('idempotency', () => {
  it('answers a repeated key with the original receipt and records once', async () => {
    const { paymentId } = await create();
    const request = { paymentId, reservationId: randomUUID(), idempotencyKey: randomUUID() };
    const first = await payments.client.authorizePayment(request);
    const second = await payments.client.authorizePayment(request);
    expect(first.replayed).toBe(false);
    expect(second).toEqual({ ...first, replayed: true });
    expect(await eventTypes(paymentId)).toEqual(['PaymentCreated', 'PaymentAuthorized']);
  });

  it('honours the key sent as the idempotency-key header', async () => {
    const request = newPayment();
    touched.add(paymentStreamId(request.paymentId));
    const idempotencyKey = randomUUID();
    const first = await payments.client.createPayment(request, { idempotencyKey });
    const second = await payments.client.createPayment(request, { idempotencyKey });
    expect(second).toEqual({ ...first, replayed: true });
    expect(await payments.stream(request.paymentId)).toHaveLength(1);
  });

  it('records one payment for ten concurrent creates with the same key', async () => {
    const request = newPayment({ idempotencyKey: randomUUID() });
    touched.add(paymentStreamId(request.paymentId));
    const receipts = await Promise.all(
      Array.from({ length: 10 }, () => payments.client.createPayment(request)),
    );
    expect(receipts.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(receipts.map((r) => r.globalPosition)).size).toBe(1);
    expect(await eventTypes(request.paymentId)).toEqual(['PaymentCreated']);
  });

  it('records one refund for ten concurrent refunds with the same key', async () => {
    const { paymentId } = await captured();
    const request = {
      paymentId,
      refundId: randomUUID(),
      amount: '100',
      idempotencyKey: randomUUID(),
    };
    const receipts = await Promise.all(
      Array.from({ length: 10 }, () => payments.client.refundPayment(request)),
    );
    const original = receipts.filter((r) => !r.replayed);
    expect(original).toHaveLength(1);
    for (const receipt of receipts)
      expect(receipt).toEqual({ ...original[0], replayed: receipt.replayed });
    expect(await eventTypes(paymentId)).toEqual([
      'PaymentCreated',
      'PaymentAuthorized',
      'PaymentCaptured',
      'PaymentRefunded',
    ]);
  });
});

describe('publication', () => {
  // Runs last: every payment the tests above wrote must reach Kafka, each stream in order.
  it(`publishes every event to ${topicForCategory(PAYMENT_STREAM_CATEGORY)} in stream order (its own, none to the platform's)`, async () => {
    const streamIds = [...touched];
    const stored = await Promise.all(
      streamIds.map(async (id) => (await payments.stream(id.slice('payment-'.length))).length),
    );
    const expected = stored.reduce((sum, n) => sum + n, 0);
    const reader = await readCategory(PAYMENT_STREAM_CATEGORY, streamIds, {
      namespace: payments.namespace,
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
