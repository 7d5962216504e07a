import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { type RpcError } from '@ledgerline/grpc';
import { type PaymentsClient } from '@ledgerline/payments-client';
import { findDetail } from '@ledgerline/proto';
import { newPayment, startPaymentsUnderTest } from '../fixtures/payments-under-test';

let payments: Awaited<ReturnType<typeof startPaymentsUnderTest>>;

beforeAll(async () => {
  payments = await startPaymentsUnderTest();
});
afterAll(() => payments?.stop());

const rejection = async (call: Promise<unknown>): Promise<RpcError> => {
  try {
    await call;
  } catch (error) {
    return error as RpcError;
  }
  throw new Error('expected the call to fail');
};

// Each row sends one bad field; the id of the payment it addresses is replaced by a fresh one,
// so the row can check that the payment's stream stayed empty (or unchanged).
type Send = (client: PaymentsClient, paymentId: string) => Promise<unknown>;

const create =
  (overrides: Record<string, unknown>): Send =>
  (client, paymentId) =>
    client.createPayment(newPayment({ paymentId, ...overrides }));

const huge = 'x'.repeat(10_000);
const HUGE_UUID = `${randomUUID()}${huge}`;

const rows: [string, Send, string, string][] = [
  ['amount zero', create({ amount: '0' }), 'amount', 'must be greater than zero'],
  ['amount negative', create({ amount: '-5' }), 'amount', 'must be greater than zero'],
  ['amount over the cap', create({ amount: '10000000000001' }), 'amount', '10000000000000'],
  // The typed client refuses these before sending: protobufjs would silently send 12.5 as 12,
  // '1e3' as 1, true as 0 and wrap a value beyond int64.
  ['amount beyond int64', create({ amount: '99999999999999999999' }), 'amount', 'int64'],
  ['amount a fraction', create({ amount: 12.5 }), 'amount', 'must be an integer'],
  ['amount in exponent form', create({ amount: '1e3' }), 'amount', 'must be an integer'],
  ['amount of the wrong type', create({ amount: true }), 'amount', 'must be an integer'],
  ['currency unknown', create({ currency: 'XXX' }), 'currency', 'not supported'],
  ['currency lower case', create({ currency: 'eur' }), 'currency', 'ISO 4217'],
  ['currency missing', create({ currency: '' }), 'currency', 'ISO 4217'],
  ['orderId missing', create({ orderId: '' }), 'orderId', 'is required'],
  ['orderId malformed', create({ orderId: 'order-1' }), 'orderId', 'UUID or a ULID'],
  ['orderId huge', create({ orderId: HUGE_UUID }), 'orderId', 'UUID or a ULID'],
  ['orderId of the wrong type', create({ orderId: 42 }), 'orderId', 'UUID or a ULID'],
  ['payerAccountId missing', create({ payerAccountId: '' }), 'payerAccountId', 'is required'],
  [
    'payee same as payer',
    create({
      payerAccountId: 'a3bb189e-8bf9-3888-9912-ace4e6543002',
      payeeAccountId: 'A3BB189E-8BF9-3888-9912-ACE4E6543002',
    }),
    'payeeAccountId',
    'must differ from payerAccountId',
  ],
  [
    'idempotency key too long',
    create({ idempotencyKey: 'k'.repeat(129) }),
    'idempotencyKey',
    'at most 128',
  ],
  // Text the event store cannot hold (PostgreSQL refuses NUL in text and jsonb) or that is no
  // single line: refused by the one text rule, not failed inside the append.
  [
    'idempotency key with a NUL',
    create({ idempotencyKey: 'key\u0000' }),
    'idempotencyKey',
    'must not contain control characters (U+0000 at index 3)',
  ],
  [
    'reason with a NUL',
    (client, paymentId) => client.failPayment({ paymentId, reason: 'declined\u0000' }),
    'reason',
    'must not contain control characters (U+0000 at index 8)',
  ],
  [
    'reason with a line feed',
    (client, paymentId) => client.failPayment({ paymentId, reason: 'declined\nby the bank' }),
    'reason',
    'must not contain control characters (U+000A',
  ],
  [
    'reservationId missing',
    (client, paymentId) => client.authorizePayment({ paymentId, reservationId: '' }),
    'reservationId',
    'is required',
  ],
  [
    'reason missing',
    (client, paymentId) => client.failPayment({ paymentId, reason: '   ' }),
    'reason',
    'is required',
  ],
  [
    'reason too long',
    (client, paymentId) => client.failPayment({ paymentId, reason: 'r'.repeat(501) }),
    'reason',
    'at most 500',
  ],
  [
    'refund amount zero',
    (client, paymentId) => client.refundPayment({ paymentId, refundId: randomUUID(), amount: 0 }),
    'amount',
    'must be greater than zero',
  ],
  [
    'refund amount negative',
    (client, paymentId) => client.refundPayment({ paymentId, refundId: randomUUID(), amount: -1 }),
    'amount',
    'must be greater than zero',
  ],
  [
    'refundId malformed',
    (client, paymentId) => client.refundPayment({ paymentId, refundId: 'r-1', amount: 1 }),
    'refundId',
    'UUID or a ULID',
  ],
];

describe('bad input', () => {
  it.each(rows)(
    'refuses %s as INVALID_ARGUMENT naming the field, writing nothing',
    async (_, send, field, reason) => {
      const paymentId = randomUUID();
      const error = await rejection(send(payments.client, paymentId));
      expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(error.details.startsWith(`${field}: `)).toBe(true);
      expect(error.details).toContain(reason);
      const violation = findDetail(error.errorDetails, 'BadRequest')?.fieldViolations[0];
      expect(violation?.field).toBe(field);
      expect(await payments.stream(paymentId)).toEqual([]);
    },
  );

  it.each([
    ['missing', ''],
    ['malformed', 'payment-1'],
    ['huge', HUGE_UUID],
  ])('refuses a %s paymentId on every command', async (_, paymentId) => {
    const client = payments.client;
    const calls = [
      client.createPayment(newPayment({ paymentId })),
      client.authorizePayment({ paymentId, reservationId: randomUUID() }),
      client.capturePayment({ paymentId }),
      client.failPayment({ paymentId, reason: 'declined' }),
      client.refundPayment({ paymentId, refundId: randomUUID(), amount: 1 }),
    ];
    for (const error of await Promise.all(calls.map(rejection))) {
      expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(findDetail(error.errorDetails, 'BadRequest')?.fieldViolations[0]?.field).toBe(
        'paymentId',
      );
    }
  });

  it('checks the fields before the payment: a bad refund on a captured payment changes nothing', async () => {
    const payment = newPayment();
    const { paymentId } = payment;
    await payments.client.createPayment(payment);
    await payments.client.authorizePayment({ paymentId, reservationId: randomUUID() });
    await payments.client.capturePayment({ paymentId });
    const error = await rejection(
      payments.client.refundPayment({ paymentId, refundId: randomUUID(), amount: '-1' }),
    );
    expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(await payments.stream(paymentId)).toHaveLength(3);
  });

  it('refuses a NUL in the failure reason of a live payment, leaving it unchanged', async () => {
    const payment = newPayment();
    await payments.client.createPayment(payment);
    const error = await rejection(
      payments.client.failPayment({ paymentId: payment.paymentId, reason: 'card\u0000declined' }),
    );
    expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(findDetail(error.errorDetails, 'BadRequest')?.fieldViolations[0]?.field).toBe('reason');
    expect(await payments.stream(payment.paymentId)).toHaveLength(1);
  });

  it('refuses a request over the size cap with RESOURCE_EXHAUSTED', async () => {
    const paymentId = randomUUID();
    await payments.client.createPayment(newPayment({ paymentId }));
    const error = await rejection(
      payments.client.failPayment({ paymentId, reason: 'r'.repeat(70 * 1024) }),
    );
    expect(error.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(await payments.stream(paymentId)).toHaveLength(1);
  });
});
