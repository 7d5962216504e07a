import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { RpcError, unary } from '@ledgerline/grpc';
import { type CommandReceipt } from '@ledgerline/payments-client';
import { findDetail, type paymentsV1 } from '@ledgerline/proto';
import { eventually } from '@ledgerline/testing';
import { newPayment, type PaymentsStack, startPaymentsStack } from '../fixtures/payments-stack';

let stack: PaymentsStack;

beforeAll(async () => {
  stack = await startPaymentsStack();
}, 60_000);
afterAll(() => stack?.stop(), 30_000);

const rejection = async (call: Promise<unknown>): Promise<RpcError> => {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RpcError)) throw new Error(`expected an RpcError, got ${String(error)}`);
  return error;
};

const create = async (overrides: Record<string, string> = {}) => {
  const request = newPayment(overrides);
  return { ...request, receipt: await stack.payments.createPayment(request) };
};

/** Creates, authorizes and captures a payment; the receipt is the capture's. */
const captured = async (overrides: Record<string, string> = {}) => {
  const payment = await create(overrides);
  const { paymentId } = payment;
  await stack.payments.authorizePayment({ paymentId, reservationId: randomUUID() });
  return { ...payment, receipt: await stack.payments.capturePayment({ paymentId }) };
};

const get = (paymentId: string, token?: CommandReceipt, deadlineMs = 10_000) =>
  unary(
    stack.queries,
    'GetPayment',
    { paymentId, ...(token && { consistencyToken: token }) },
    { deadlineMs },
  );

const list = (request: paymentsV1.ListPaymentsRequest, deadlineMs = 10_000) =>
  unary(stack.queries, 'ListPayments', request, { deadlineMs });

const search = (request: paymentsV1.SearchPaymentsRequest, deadlineMs = 10_000) =>
  unary(stack.queries, 'SearchPayments', request, { deadlineMs });

const ids = (response: { payments: { paymentId: string }[] }) =>
  response.payments.map((p) => p.paymentId);

describe('GetPayment', () => {
  it('answers at once with the command it is given as a consistency token', async () => {
    const payment = await create({ amount: '1234' });
    const created = await get(payment.paymentId, payment.receipt);
    expect(created.payment).toMatchObject({
      paymentId: payment.paymentId,
      payerAccountId: payment.payerAccountId,
      amount: '1234',
      currency: 'EUR',
      status: 'PAYMENT_STATUS_CREATED',
      capturedAmount: '0',
      capturedAt: '',
      streamVersion: '1',
    });

    const { paymentId } = payment;
    await stack.payments.authorizePayment({ paymentId, reservationId: randomUUID() });
    const capture = await stack.payments.capturePayment({ paymentId });
    // The cache may hold version 1: the token's version rules it out.
    const after = await get(paymentId, capture);
    expect(after.payment).toMatchObject({
      status: 'PAYMENT_STATUS_CAPTURED',
      capturedAmount: '1234',
      streamVersion: '3',
    });
    expect(Date.parse(after.payment!.capturedAt)).not.toBeNaN();
  });

  it('answers eventually without a token', async () => {
    const payment = await create();
    const answer = await eventually(() => get(payment.paymentId), { timeoutMs: 15_000 });
    expect(answer.payment).toMatchObject({ paymentId: payment.paymentId, streamVersion: '1' });
  });

  it('is NOT_FOUND for a payment nobody created, INVALID_ARGUMENT for a malformed id', async () => {
    const unknown = randomUUID();
    const missing = await rejection(get(unknown));
    expect(missing.code).toBe(status.NOT_FOUND);
    expect(missing.details).toContain(unknown);
    const malformed = await rejection(get('not-an-id'));
    expect(malformed.code).toBe(status.INVALID_ARGUMENT);
    expect(malformed.details).toMatch(/^paymentId: /);
  });

  it('fails with DEADLINE_EXCEEDED naming the lag when the token is ahead of the view', async () => {
    const payment = await create();
    await get(payment.paymentId, payment.receipt);
    const started = Date.now();
    const error = await rejection(
      get(payment.paymentId, { ...payment.receipt, streamVersion: '9' }, 1_000),
    );
    expect(error.code).toBe(status.DEADLINE_EXCEEDED);
    expect(error.details).toMatch(
      new RegExp(
        `view has applied stream payment-${payment.paymentId} up to version 1, token asks 9; projection lag \\d+ events`,
      ),
    );
    expect(error.errorDetails).toContainEqual(
      expect.objectContaining({ type: 'ErrorInfo', reason: 'READ_MODEL_BEHIND' }),
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('ListPayments', () => {
  const payer = randomUUID();
  const payee = randomUUID();
  let all: string[] = [];
  let capturedIds: string[] = [];
  let token: CommandReceipt;

  beforeAll(async () => {
    const made = [];
    for (const i of [1, 2, 3, 4, 5]) {
      const overrides = { payerAccountId: payer, payeeAccountId: payee, amount: String(i * 100) };
      made.push(i % 2 === 0 ? await captured(overrides) : await create(overrides));
    }
    all = made.map((p) => p.paymentId);
    capturedIds = made.filter((_, i) => i % 2 === 1).map((p) => p.paymentId);
    token = made[made.length - 1]!.receipt;
  }, 30_000);

  const emptyFilters = {
    payerAccountId: '',
    payeeAccountId: '',
    status: 'PAYMENT_STATUS_UNSPECIFIED',
    createdAfter: '',
    createdBefore: '',
    pageToken: '',
  } as const;

  it('pages a payer’s payments oldest first, each exactly once, after the token', async () => {
    const seen: string[] = [];
    let pageToken = '';
    let pages = 0;
    do {
      const page = await list({
        ...emptyFilters,
        payerAccountId: payer,
        pageSize: 2,
        pageToken,
        consistencyToken: token,
      });
      expect(page.payments.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      pageToken = page.nextPageToken;
      pages += 1;
    } while (pageToken !== '');
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual([...all].sort());
  });

  it('combines the payer, payee, status and time filters', async () => {
    const byStatus = await list({
      ...emptyFilters,
      payeeAccountId: payee,
      status: 'PAYMENT_STATUS_CAPTURED',
      consistencyToken: token,
    });
    expect(ids(byStatus)).toEqual(capturedIds);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const inRange = await list({ ...emptyFilters, payerAccountId: payer, createdAfter: hourAgo });
    expect(ids(inRange)).toEqual(all);
    const before = await list({ ...emptyFilters, payerAccountId: payer, createdBefore: hourAgo });
    expect(before.payments).toEqual([]);
    const badTime = await rejection(
      list({ ...emptyFilters, payerAccountId: payer, createdAfter: 'yesterday' }),
    );
    expect(badTime.code).toBe(status.INVALID_ARGUMENT);
    expect(badTime.details).toMatch(/^createdAfter: /);
  });

  it('refuses a tampered page token, and one reused with other filters', async () => {
    const first = await list({ ...emptyFilters, payerAccountId: payer, pageSize: 2 });
    expect(first.nextPageToken).not.toBe('');
    const [payload, signature] = first.nextPageToken.split('.');
    const forged = Buffer.from(
      JSON.stringify({ f: 1, k: ['1970-01-01T00:00:00.000Z', all[0]] }),
    ).toString('base64url');
    for (const pageToken of [`${forged}.${signature}`, `${payload}.x${signature}`]) {
      const error = await rejection(
        list({ ...emptyFilters, payerAccountId: payer, pageSize: 2, pageToken }),
      );
      expect(error.code).toBe(status.INVALID_ARGUMENT);
      expect(error.details).toMatch(/^pageToken: /);
    }
    const reused = await rejection(
      list({
        ...emptyFilters,
        payeeAccountId: payee,
        pageSize: 2,
        pageToken: first.nextPageToken,
      }),
    );
    expect(reused.code).toBe(status.INVALID_ARGUMENT);
  });

  it('fails with DEADLINE_EXCEEDED naming the relay when the token is ahead of the store', async () => {
    const ahead = {
      ...token,
      transactionId: String(BigInt(token.transactionId) + 1_000_000_000n),
    };
    const error = await rejection(
      list({ ...emptyFilters, payerAccountId: payer, consistencyToken: ahead }, 1_000),
    );
    expect(error.code).toBe(status.DEADLINE_EXCEEDED);
    expect(error.details).toContain(
      `view has not applied every ${stack.sourceSchema} event up to transaction ${ahead.transactionId}`,
    );
    expect(error.details).toMatch(/relay has published only up to transaction \d+/);
  });
});

describe('SearchPayments', () => {
  const payer = randomUUID();
  const COUNT = 105;
  let all: { paymentId: string; amount: number; captured: boolean }[] = [];
  let failedId = '';
  let everyId: string[] = [];
  let token: CommandReceipt;

  beforeAll(async () => {
    const indices = Array.from({ length: COUNT }, (_, i) => i);
    for (let start = 0; start < COUNT; start += 15) {
      const batch = await Promise.all(
        indices.slice(start, start + 15).map(async (i) => {
          const overrides = { payerAccountId: payer, amount: String(1000 + (i % 10) * 100) };
          const payment = i % 7 === 0 ? await captured(overrides) : await create(overrides);
          return { ...payment, i };
        }),
      );
      for (const p of batch) {
        all.push({ paymentId: p.paymentId, amount: Number(p.amount), captured: p.i % 7 === 0 });
        token = p.receipt;
      }
    }
    // The token of the very last command: every earlier one is at or below it.
    failedId = (await create({ payerAccountId: payer, amount: '999' })).paymentId;
    token = await stack.payments.failPayment({
      paymentId: failedId,
      reason: 'insufficient funds at the bank',
    });
    all = all.sort((a, b) => (a.paymentId < b.paymentId ? -1 : 1));
    everyId = [...all.map((p) => p.paymentId), failedId].sort();
  }, 45_000);

  const filter = (
    field: string,
    op: paymentsV1.SearchOperator,
    values: string[] = [],
    range: paymentsV1.SearchRange | null = null,
  ): paymentsV1.SearchFilter => ({ field, op, values, range });
  const byPayer = filter('payerAccountId', 'SEARCH_OPERATOR_EQ', [payer]);

  it('applies whitelisted filters, after the token', async () => {
    const capturedOnes = await search({
      filters: [byPayer, filter('status', 'SEARCH_OPERATOR_IN', ['captured'])],
      consistencyToken: token,
    });
    expect(ids(capturedOnes).sort()).toEqual(all.filter((p) => p.captured).map((p) => p.paymentId));
    expect(capturedOnes.payments.every((p) => p.status === 'PAYMENT_STATUS_CAPTURED')).toBe(true);

    const large = await search({
      filters: [
        byPayer,
        filter('amount', 'SEARCH_OPERATOR_RANGE', [], { gte: '1800', lt: '2000' }),
      ],
      sort: [{ field: 'amount', order: 'SORT_ORDER_DESC' }],
    });
    expect(large.payments.map((p) => p.amount)).toEqual([
      ...Array<string>(10).fill('1900'),
      ...Array<string>(10).fill('1800'),
    ]);

    const failed = await search({
      filters: [
        byPayer,
        filter('failureReasonText', 'SEARCH_OPERATOR_MATCH', ['Bank insufficient']),
      ],
    });
    expect(failed.payments).toEqual([
      expect.objectContaining({ status: 'PAYMENT_STATUS_FAILED', amount: '999' }),
    ]);
  });

  it('refuses a field or an operator outside the whitelist, naming it', async () => {
    const field = await rejection(
      search({ filters: [byPayer, filter('amountMajor', 'SEARCH_OPERATOR_EQ', ['10'])] }),
    );
    expect(field.code).toBe(status.INVALID_ARGUMENT);
    expect(field.details).toMatch(/^filters\[1\]\.field: "amountMajor" is not searchable/);

    const op = await rejection(
      search({ filters: [filter('status', 'SEARCH_OPERATOR_MATCH', ['captured'])] }),
    );
    expect(op.code).toBe(status.INVALID_ARGUMENT);
    expect(op.details).toMatch(/^filters\[0\]\.op: "match" is not allowed on status/);

    const value = await rejection(
      search({ filters: [filter('amount', 'SEARCH_OPERATOR_EQ', ['a lot'])] }),
    );
    expect(value.details).toMatch(/^filters\[0\]\.values\[0\]: /);

    const sort = await rejection(search({ sort: [{ field: 'failureReasonText' }] }));
    expect(sort.details).toMatch(/^sort\[0\]\.field: /);
  });

  it('caps the page size and pages deep with tokens, returning every payment once', async () => {
    const capped = await search({ filters: [byPayer], pageSize: 1_000, consistencyToken: token });
    expect(capped.payments).toHaveLength(100);
    expect(capped.nextPageToken).not.toBe('');

    for (const sort of [
      [],
      [{ field: 'amount', order: 'SORT_ORDER_DESC' as const }],
      // Most payments were never captured: documents without the field sort last.
      [{ field: 'capturedAt', order: 'SORT_ORDER_ASC' as const }],
      [{ field: 'capturedAt', order: 'SORT_ORDER_DESC' as const }],
    ]) {
      const seen: string[] = [];
      let pageToken = '';
      do {
        const page = await search({ filters: [byPayer], sort, pageSize: 8, pageToken });
        expect(page.payments.length).toBeLessThanOrEqual(8);
        seen.push(...ids(page));
        pageToken = page.nextPageToken;
      } while (pageToken !== '');
      expect(seen).toHaveLength(everyId.length);
      expect([...seen].sort()).toEqual(everyId);
      // Without a sort the tiebreaker, the payment id, orders the results.
      if (sort.length === 0) expect(seen).toEqual(everyId);
    }
  });

  it('refuses a tampered page token, and one reused with another sort', async () => {
    const first = await search({ filters: [byPayer], pageSize: 5 });
    const [payload, signature] = first.nextPageToken.split('.');
    const tampered = await rejection(
      search({ filters: [byPayer], pageSize: 5, pageToken: `${payload}x.${signature}` }),
    );
    expect(tampered.code).toBe(status.INVALID_ARGUMENT);
    expect(tampered.details).toMatch(/^pageToken: /);
    const reused = await rejection(
      search({
        filters: [byPayer],
        sort: [{ field: 'amount' }],
        pageSize: 5,
        pageToken: first.nextPageToken,
      }),
    );
    expect(reused.code).toBe(status.INVALID_ARGUMENT);
  });

  it('finds a new payment at once with its receipt as token', async () => {
    const payment = await create({ payerAccountId: payer, amount: '4242' });
    const found = await search({
      filters: [filter('paymentId', 'SEARCH_OPERATOR_EQ', [payment.paymentId])],
      consistencyToken: payment.receipt,
    });
    expect(found.payments).toEqual([
      expect.objectContaining({ paymentId: payment.paymentId, amount: '4242', streamVersion: '1' }),
    ]);
  });
});

// Values Elasticsearch or PostgreSQL could not take are the caller's mistake: refused before any
// wait or search, INVALID_ARGUMENT naming the field the caller sent (they were INTERNAL).
describe('bad query input', () => {
  const bound = (
    field: string,
    range: paymentsV1.SearchRange,
  ): paymentsV1.SearchPaymentsRequest => ({
    filters: [{ field, op: 'SEARCH_OPERATOR_RANGE', values: [], range }],
  });
  const values = (field: string, op: paymentsV1.SearchOperator, given: string[]) => ({
    filters: [{ field, op, values: given, range: null }],
  });
  const rows: [string, () => Promise<unknown>, string, string][] = [
    [
      'a 19-digit amount beyond int64',
      () => search(values('amount', 'SEARCH_OPERATOR_EQ', ['9999999999999999999'])),
      'filters[0].values[0]',
      'must be an integer from -9223372036854775808 to 9223372036854775807',
    ],
    [
      'a range bound one past int64',
      () => search(bound('capturedAmount', { gte: '9223372036854775808' })),
      'filters[0].range.gte',
      'must be an integer from',
    ],
    [
      'a date with slashes',
      () => search(bound('createdAt', { gte: '2024/01/01' })),
      'filters[0].range.gte',
      'must be an ISO 8601 date',
    ],
    [
      'a written-out date',
      () => search(bound('capturedAt', { lt: 'May 1, 2024' })),
      'filters[0].range.lt',
      'must be an ISO 8601 date',
    ],
    [
      'a day that does not exist',
      () => search(bound('updatedAt', { lte: '2024-02-30T00:00:00Z' })),
      'filters[0].range.lte',
      'must be an ISO 8601 date',
    ],
    [
      'a NUL in a keyword value',
      () => search(values('status', 'SEARCH_OPERATOR_IN', ['captured', 'failed\u0000'])),
      'filters[0].values[1]',
      'must not contain control characters (U+0000 at index 6)',
    ],
    [
      'an escape character in a match text',
      () => search(values('failureReasonText', 'SEARCH_OPERATOR_MATCH', ['bank\u001b'])),
      'filters[0].values[0]',
      'must not contain control characters (U+001B',
    ],
    [
      'a list bound on a day that does not exist (not rolled over to March)',
      () => list({ createdBefore: '2024-02-30T00:00:00Z' }),
      'createdBefore',
      'must be an RFC 3339 timestamp',
    ],
    [
      'a NUL in the stream id of a consistency token',
      () =>
        get(randomUUID(), {
          streamId: `payment-${randomUUID()}\u0000`,
          streamVersion: '1',
          globalPosition: '0',
          transactionId: '',
          replayed: false,
          combined: [],
        }),
      'consistencyToken.streamId',
      'must not contain control characters',
    ],
  ];

  it.each(rows)('refuses %s, naming the field', async (_, send, field, reason) => {
    const error = await rejection(send());
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details.startsWith(`${field}: `)).toBe(true);
    expect(error.details).toContain(reason);
    expect(findDetail(error.errorDetails, 'BadRequest')?.fieldViolations[0]?.field).toBe(field);
  });
});
