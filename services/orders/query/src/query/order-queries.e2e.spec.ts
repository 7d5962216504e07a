import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { RpcError, unary } from '@ledgerline/grpc';
import { type CommandReceipt } from '@ledgerline/orders-client';
import { findDetail, type ordersV1 } from '@ledgerline/proto';
import { eventually } from '@ledgerline/testing';
import { newOrder, orderLine, type OrdersStack, startOrdersStack } from '../fixtures/orders-stack';

let stack: OrdersStack;

beforeAll(async () => {
  stack = await startOrdersStack();
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

const place = async (overrides: Parameters<typeof newOrder>[0] = {}) => {
  const request = newOrder(overrides);
  return { ...request, receipt: await stack.orders.placeOrder(request) };
};

const get = (orderId: string, token?: CommandReceipt, deadlineMs = 10_000) =>
  unary(
    stack.queries,
    'GetOrder',
    { orderId, ...(token && { consistencyToken: token }) },
    { deadlineMs },
  );

const list = (request: ordersV1.ListOrdersByCustomerRequest, deadlineMs = 10_000) =>
  unary(stack.queries, 'ListOrdersByCustomer', request, { deadlineMs });

const search = (request: ordersV1.SearchOrdersRequest, deadlineMs = 10_000) =>
  unary(stack.queries, 'SearchOrders', request, { deadlineMs });

const ids = (response: { orders: { orderId: string }[] }) => response.orders.map((o) => o.orderId);

describe('GetOrder', () => {
  it('answers at once with the command it is given as a consistency token', async () => {
    const order = await place({
      lines: [
        orderLine({ sku: 'TEA-1', description: 'Blue ceramic teapot', quantity: 2 }),
        orderLine({ sku: 'CUP-1', description: 'Ceramic cup', quantity: 1, unitPriceMinor: 499 }),
      ],
    });
    const placed = await get(order.orderId, order.receipt);
    expect(placed.order).toMatchObject({
      orderId: order.orderId,
      customerId: order.customerId,
      status: 'ORDER_STATUS_PLACED',
      totalMinor: '2999',
      paymentId: '',
      streamVersion: '1',
      lines: [
        {
          lineNo: 1,
          sku: 'TEA-1',
          description: 'Blue ceramic teapot',
          quantity: 2,
          unitPriceMinor: '1250',
          lineTotalMinor: '2500',
        },
        expect.objectContaining({ lineNo: 2, sku: 'CUP-1', lineTotalMinor: '499' }),
      ],
    });

    const paymentId = randomUUID();
    const confirm = await stack.orders.confirmOrder({ orderId: order.orderId, paymentId });
    // The cache may hold version 1: the token's version rules it out.
    const confirmed = await get(order.orderId, confirm);
    expect(confirmed.order).toMatchObject({
      status: 'ORDER_STATUS_CONFIRMED',
      paymentId,
      streamVersion: '2',
    });
  });

  it('answers eventually without a token', async () => {
    const order = await place();
    const answer = await eventually(() => get(order.orderId), { timeoutMs: 15_000 });
    expect(answer.order).toMatchObject({ orderId: order.orderId, streamVersion: '1' });
  });

  it('is NOT_FOUND for an order nobody placed, INVALID_ARGUMENT for a malformed id', async () => {
    const unknown = randomUUID();
    const missing = await rejection(get(unknown));
    expect(missing.code).toBe(status.NOT_FOUND);
    expect(missing.details).toContain(unknown);
    const malformed = await rejection(get('42'));
    expect(malformed.code).toBe(status.INVALID_ARGUMENT);
    expect(malformed.details).toMatch(/^orderId: /);
  });

  it('fails with DEADLINE_EXCEEDED naming the lag when the token is ahead of the view', async () => {
    const order = await place();
    await get(order.orderId, order.receipt);
    const started = Date.now();
    const error = await rejection(
      get(order.orderId, { ...order.receipt, streamVersion: '7' }, 1_000),
    );
    expect(error.code).toBe(status.DEADLINE_EXCEEDED);
    expect(error.details).toMatch(
      new RegExp(
        `view has applied stream order-${order.orderId} up to version 1, token asks 7; projection lag \\d+ events`,
      ),
    );
    expect(error.errorDetails).toContainEqual(
      expect.objectContaining({ type: 'ErrorInfo', reason: 'READ_MODEL_BEHIND' }),
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('ListOrdersByCustomer', () => {
  const customerId = randomUUID();
  let all: string[] = [];
  let token: CommandReceipt;

  beforeAll(async () => {
    for (let i = 0; i < 5; i += 1) {
      const order = await place({ customerId });
      all.push(order.orderId);
      token = order.receipt;
    }
    all = all.sort();
  }, 30_000);

  it('pages a customer’s orders oldest first, each exactly once, after the token', async () => {
    const seen: string[] = [];
    const placedAt: string[] = [];
    let pageToken = '';
    let pages = 0;
    do {
      const page = await list({ customerId, pageSize: 2, pageToken, consistencyToken: token });
      expect(page.orders.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      placedAt.push(...page.orders.map((o) => o.placedAt));
      pageToken = page.nextPageToken;
      pages += 1;
    } while (pageToken !== '');
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual(all);
    expect(placedAt).toEqual([...placedAt].sort());
  });

  it('refuses a tampered page token, one for another customer, and a missing customer', async () => {
    const first = await list({ customerId, pageSize: 2 });
    const [payload, signature] = first.nextPageToken.split('.');
    const tampered = await rejection(
      list({ customerId, pageSize: 2, pageToken: `${payload}.${signature}x` }),
    );
    expect(tampered.code).toBe(status.INVALID_ARGUMENT);
    expect(tampered.details).toMatch(/^pageToken: /);
    const otherCustomer = await rejection(
      list({ customerId: randomUUID(), pageSize: 2, pageToken: first.nextPageToken }),
    );
    expect(otherCustomer.code).toBe(status.INVALID_ARGUMENT);
    expect(otherCustomer.details).toMatch(/^pageToken: /);
    const missing = await rejection(list({ customerId: '' }));
    expect(missing.code).toBe(status.INVALID_ARGUMENT);
    expect(missing.details).toMatch(/^customerId: /);
  });

  it('fails with DEADLINE_EXCEEDED naming the relay when the token is ahead of the store', async () => {
    const ahead = { ...token, transactionId: String(BigInt(token.transactionId) + 1_000_000_000n) };
    const error = await rejection(list({ customerId, consistencyToken: ahead }, 1_000));
    expect(error.code).toBe(status.DEADLINE_EXCEEDED);
    expect(error.details).toContain(
      `view has not applied every ${stack.sourceSchema} event up to transaction ${ahead.transactionId}`,
    );
    expect(error.details).toMatch(/relay has published only up to transaction \d+/);
  });
});

describe('SearchOrders', () => {
  const merchantId = randomUUID();
  const COUNT = 105;
  const DESCRIPTIONS = ['Blue ceramic teapot', 'Ceramic teapot with infuser', 'Cast iron teapot'];
  let all: { orderId: string; description: string; totalMinor: number }[] = [];
  let token: CommandReceipt;

  beforeAll(async () => {
    const indices = Array.from({ length: COUNT }, (_, i) => i);
    for (let start = 0; start < COUNT; start += 15) {
      const batch = await Promise.all(
        indices.slice(start, start + 15).map(async (i) => {
          const description = i === 0 ? 'Ceramic mug' : DESCRIPTIONS[i % 3]!;
          const unitPriceMinor = 1000 + (i % 10) * 100;
          const order = await place({
            merchantId,
            lines: [orderLine({ sku: `SKU-${i % 4}`, description, quantity: 1, unitPriceMinor })],
          });
          return { order, description, totalMinor: unitPriceMinor };
        }),
      );
      for (const { order, description, totalMinor } of batch)
        all.push({ orderId: order.orderId, description, totalMinor });
    }
    // Placed after every order above committed: a token at or past all of them.
    token = (await place()).receipt;
    all = all.sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
  }, 45_000);

  const filter = (
    field: string,
    op: ordersV1.SearchOperator,
    values: string[] = [],
    range: ordersV1.SearchRange | null = null,
  ): ordersV1.SearchFilter => ({ field, op, values, range });
  const byMerchant = filter('merchantId', 'SEARCH_OPERATOR_EQ', [merchantId]);
  const orderIds = (predicate: (o: (typeof all)[number]) => boolean) =>
    all.filter(predicate).map((o) => o.orderId);

  it('matches line descriptions as full text, after the token', async () => {
    const teapots = await search({
      filters: [byMerchant, filter('lineDescription', 'SEARCH_OPERATOR_MATCH', ['teapot CERAMIC'])],
      pageSize: 100,
      consistencyToken: token,
    });
    expect(ids(teapots)).toEqual(
      orderIds((o) => /^(Blue ceramic|Ceramic teapot)/.test(o.description)),
    );
    expect(teapots.orders[0]!.lines[0]).toMatchObject({ lineNo: 1, quantity: 1 });
  });

  it('filters on amount and time ranges and sorts', async () => {
    const large = await search({
      filters: [byMerchant, filter('totalMinor', 'SEARCH_OPERATOR_RANGE', [], { gte: '1800' })],
      sort: [{ field: 'totalMinor', order: 'SORT_ORDER_DESC' }],
    });
    expect(large.orders.map((o) => o.totalMinor)).toEqual([
      ...Array<string>(10).fill('1900'),
      ...Array<string>(10).fill('1800'),
    ]);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const recent = await search({
      filters: [
        byMerchant,
        filter('placedAt', 'SEARCH_OPERATOR_RANGE', [], { gte: hourAgo }),
        filter('lineSku', 'SEARCH_OPERATOR_IN', ['SKU-1', 'SKU-2']),
      ],
      pageSize: 100,
    });
    expect(recent.orders).toHaveLength(52);
    const old = await search({
      filters: [byMerchant, filter('placedAt', 'SEARCH_OPERATOR_RANGE', [], { lt: hourAgo })],
    });
    expect(old.orders).toEqual([]);
  });

  it('refuses a field or an operator outside the whitelist, naming it', async () => {
    const field = await rejection(
      search({
        filters: [byMerchant, filter('lines.description', 'SEARCH_OPERATOR_MATCH', ['teapot'])],
      }),
    );
    expect(field.code).toBe(status.INVALID_ARGUMENT);
    expect(field.details).toMatch(/^filters\[1\]\.field: "lines\.description" is not searchable/);

    const op = await rejection(
      search({ filters: [filter('lineDescription', 'SEARCH_OPERATOR_EQ', ['teapot'])] }),
    );
    expect(op.code).toBe(status.INVALID_ARGUMENT);
    expect(op.details).toMatch(/^filters\[0\]\.op: "eq" is not allowed on lineDescription/);

    const range = await rejection(
      search({ filters: [filter('placedAt', 'SEARCH_OPERATOR_RANGE', [], { gte: 'soon' })] }),
    );
    expect(range.details).toMatch(/^filters\[0\]\.range\.gte: /);
  });

  it('caps the page size and pages deep with tokens, returning every order once', async () => {
    const capped = await search({ filters: [byMerchant], pageSize: 500 });
    expect(capped.orders).toHaveLength(100);
    expect(capped.nextPageToken).not.toBe('');
    const [payload, signature] = capped.nextPageToken.split('.');
    const tampered = await rejection(
      search({ filters: [byMerchant], pageSize: 500, pageToken: `${payload}x.${signature}` }),
    );
    expect(tampered.code).toBe(status.INVALID_ARGUMENT);
    expect(tampered.details).toMatch(/^pageToken: /);

    const every = all.map((o) => o.orderId);
    for (const sort of [
      [],
      [{ field: 'totalMinor', order: 'SORT_ORDER_DESC' as const }],
      // No order here shipped: every document lacks the field.
      [{ field: 'shippedAt', order: 'SORT_ORDER_DESC' as const }],
    ]) {
      const seen: string[] = [];
      let pageToken = '';
      do {
        const page = await search({ filters: [byMerchant], sort, pageSize: 9, pageToken });
        expect(page.orders.length).toBeLessThanOrEqual(9);
        seen.push(...ids(page));
        pageToken = page.nextPageToken;
      } while (pageToken !== '');
      expect([...seen].sort()).toEqual(every);
      // Without a sort the tiebreaker, the order id, orders the results.
      if (sort.length === 0) expect(seen).toEqual(every);
    }
  });

  it('fails with DEADLINE_EXCEEDED when the token is ahead of the store', async () => {
    const ahead = { ...token, transactionId: String(BigInt(token.transactionId) + 1_000_000_000n) };
    const error = await rejection(
      search({ filters: [byMerchant], consistencyToken: ahead }, 1_000),
    );
    expect(error.code).toBe(status.DEADLINE_EXCEEDED);
    expect(error.details).toMatch(/relay has published only up to transaction \d+/);
  });
});

// Values Elasticsearch or PostgreSQL could not take are the caller's mistake: refused before any
// wait or search, INVALID_ARGUMENT naming the field the caller sent (they were INTERNAL).
describe('bad query input', () => {
  const bound = (field: string, range: ordersV1.SearchRange): ordersV1.SearchOrdersRequest => ({
    filters: [{ field, op: 'SEARCH_OPERATOR_RANGE', values: [], range }],
  });
  const values = (field: string, op: ordersV1.SearchOperator, given: string[]) => ({
    filters: [{ field, op, values: given, range: null }],
  });
  const rows: [string, () => Promise<unknown>, string, string][] = [
    [
      'a 19-digit total beyond int64',
      () => search(values('totalMinor', 'SEARCH_OPERATOR_EQ', ['9300000000000000000'])),
      'filters[0].values[0]',
      'must be an integer from -9223372036854775808 to 9223372036854775807',
    ],
    [
      'a range bound one below int64',
      () => search(bound('lineCount', { gt: '-9223372036854775809' })),
      'filters[0].range.gt',
      'must be an integer from',
    ],
    [
      'a date with slashes',
      () => search(bound('placedAt', { gte: '2024/01/01' })),
      'filters[0].range.gte',
      'must be an ISO 8601 date',
    ],
    [
      'a time without an offset',
      () => search(bound('confirmedAt', { lt: '2024-05-01T12:00:00' })),
      'filters[0].range.lt',
      'must be an ISO 8601 date',
    ],
    [
      'hour 24',
      () => search(bound('shippedAt', { lte: '2024-05-01T24:00:00Z' })),
      'filters[0].range.lte',
      'must be an ISO 8601 date',
    ],
    [
      'a NUL in a SKU value',
      () => search(values('lineSku', 'SEARCH_OPERATOR_EQ', ['SKU-1\u0000'])),
      'filters[0].values[0]',
      'must not contain control characters (U+0000 at index 5)',
    ],
    [
      'a line feed in a match text',
      () => search(values('lineDescription', 'SEARCH_OPERATOR_MATCH', ['blue\nteapot'])),
      'filters[0].values[0]',
      'must not contain control characters (U+000A',
    ],
    [
      'a NUL in the stream id of a consistency token',
      () =>
        get(randomUUID(), {
          streamId: `order-${randomUUID()}\u0000`,
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
