import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { RpcError, unary } from '@ledgerline/grpc';
import { orderStreamId } from '@ledgerline/orders-domain';
import { type commonV1, findDetail, type ordersV1 } from '@ledgerline/proto';
import { mintToken } from '@ledgerline/testing';
import { type OrdersStack, startOrdersStack } from '../fixtures/orders-stack';

// Two customers' tokens against the real OrderQueryService (mTLS, bearer tokens, the guard):
// each reads only the orders it placed, unless its token says otherwise.

let stack: OrdersStack;
type Client = OrdersStack['queries'];
let alice: Client;
let bob: Client;
let support: Client; // owners:any, no analytics:read
let analyst: Client; // analytics:read, no owners:any
const A = `customer-a-${randomUUID()}`;
const B = `customer-b-${randomUUID()}`;
const READ = ['orders:read', 'search:read'];

beforeAll(async () => {
  stack = await startOrdersStack();
  const as = async (sub: string, scopes: string[]) =>
    stack.queriesAs(await mintToken({ sub, scopes }));
  alice = await as(A, READ);
  bob = await as(B, READ);
  support = await as('support-1', [...READ, 'owners:any']);
  analyst = await as('analyst-1', [...READ, 'analytics:read']);
}, 60_000);
afterAll(() => stack?.stop(), 30_000);

/**
 * An OrderPlaced event appended to the store as the command side records it (`placedBy` the
 * placing user's subject; none for orders from before it was recorded), and its receipt.
 */
const place = async (
  placedBy: string | undefined,
  { customerId = randomUUID(), merchantId = randomUUID() } = {},
) => {
  const orderId = randomUUID();
  const data = {
    orderId,
    customerId,
    merchantId,
    customerAccountId: randomUUID(),
    merchantAccountId: randomUUID(),
    currency: 'EUR',
    totalMinor: 2_500,
    lines: [
      {
        sku: 'MUG-1',
        description: 'Blue mug',
        quantity: 2,
        unitPriceMinor: 1_250,
        lineTotalMinor: 2_500,
      },
    ],
    at: new Date().toISOString(),
    ...(placedBy !== undefined && { placedBy }),
  };
  const appended = await stack.store.append(
    orderStreamId(orderId),
    [{ type: 'OrderPlaced', data }],
    { expectedVersion: 'no_stream' },
  );
  const receipt: commonV1.CommandReceipt = {
    streamId: appended.streamId,
    streamVersion: String(appended.nextVersion),
    globalPosition: String(appended.position),
    transactionId: appended.transactionId,
    replayed: false,
  };
  return { orderId, receipt };
};

const rejection = async (call: Promise<unknown>): Promise<RpcError> => {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RpcError)) throw new Error(`expected an RpcError, got ${String(error)}`);
  return error;
};
const get = (client: Client, orderId: string, consistencyToken?: commonV1.CommandReceipt) =>
  unary(client, 'GetOrder', { orderId, ...(consistencyToken && { consistencyToken }) });
const list = (client: Client, request: ordersV1.ListOrdersByCustomerRequest) =>
  unary(client, 'ListOrdersByCustomer', request);
const search = (client: Client, request: ordersV1.SearchOrdersRequest) =>
  unary(client, 'SearchOrders', request);
const ids = (response: { orders: { orderId: string }[] }) =>
  response.orders.map((o) => o.orderId).sort();

describe('GetOrder', () => {
  it("answers a customer's own order and refuses another's, even from the cache", async () => {
    const mine = await place(A);
    const theirs = await place(B);
    await expect(get(alice, mine.orderId, mine.receipt)).resolves.toMatchObject({
      order: { orderId: mine.orderId },
    });
    // Bob's read puts his order in the cache; Alice is refused all the same.
    await expect(get(bob, theirs.orderId, theirs.receipt)).resolves.toMatchObject({
      order: { orderId: theirs.orderId },
    });
    const refused = await rejection(get(alice, theirs.orderId, theirs.receipt));
    expect(refused.code).toBe(status.PERMISSION_DENIED);
    expect(refused.details).toBe("permission denied: the order is not the caller's");
    expect(refused.details).not.toContain(B);
    expect(findDetail(refused.errorDetails, 'ErrorInfo')).toMatchObject({
      reason: 'PERMISSION_DENIED',
      metadata: { rule: 'ownership' },
    });
    // owners:any reads anyone's.
    await expect(get(support, theirs.orderId)).resolves.toMatchObject({
      order: { orderId: theirs.orderId },
    });
  });

  it('refuses a customer an order placed before owners were recorded; owners:any reads it', async () => {
    const legacy = await place(undefined);
    await expect(get(support, legacy.orderId, legacy.receipt)).resolves.toMatchObject({
      order: { orderId: legacy.orderId },
    });
    expect((await rejection(get(alice, legacy.orderId))).code).toBe(status.PERMISSION_DENIED);
  });

  it('still says NOT_FOUND for an order nobody placed', async () => {
    expect((await rejection(get(alice, randomUUID()))).code).toBe(status.NOT_FOUND);
  });
});

describe('ListOrdersByCustomer', () => {
  // One customer id, orders placed by both users (and one from before owners were recorded).
  const customerId = randomUUID();
  let aliceOrders: string[] = [];
  let bobOrders: string[] = [];
  let legacy = '';
  let token: commonV1.CommandReceipt;
  beforeAll(async () => {
    for (let i = 0; i < 3; i += 1) aliceOrders.push((await place(A, { customerId })).orderId);
    for (let i = 0; i < 2; i += 1) bobOrders.push((await place(B, { customerId })).orderId);
    const last = await place(undefined, { customerId });
    legacy = last.orderId;
    token = last.receipt;
    aliceOrders = aliceOrders.sort();
    bobOrders = bobOrders.sort();
  }, 30_000);

  it('lists only the orders the caller placed, page by page', async () => {
    const first = await list(alice, { customerId, pageSize: 2, consistencyToken: token });
    expect(first.orders).toHaveLength(2);
    const second = await list(alice, { customerId, pageSize: 2, pageToken: first.nextPageToken });
    expect(second.nextPageToken).toBe('');
    expect([...ids(first), ...ids(second)].sort()).toEqual(aliceOrders);
    expect(ids(await list(bob, { customerId, consistencyToken: token }))).toEqual(bobOrders);
  });

  it("does not take one caller's page token for another's list", async () => {
    const first = await list(alice, { customerId, pageSize: 1, consistencyToken: token });
    const reused = await rejection(
      list(bob, { customerId, pageSize: 1, pageToken: first.nextPageToken }),
    );
    expect(reused.code).toBe(status.INVALID_ARGUMENT);
    expect(reused.details).toMatch(/^pageToken: /);
  });

  it('lists every order of the customer for owners:any', async () => {
    expect(ids(await list(support, { customerId, consistencyToken: token }))).toEqual(
      [...aliceOrders, ...bobOrders, legacy].sort(),
    );
  });
});

describe('SearchOrders', () => {
  const merchantId = randomUUID();
  let aliceOrders: string[] = [];
  let bobOrders: string[] = [];
  let token: commonV1.CommandReceipt;
  const byMerchant: ordersV1.SearchFilter = {
    field: 'merchantId',
    op: 'SEARCH_OPERATOR_EQ',
    values: [merchantId],
    range: null,
  };
  beforeAll(async () => {
    for (let i = 0; i < 2; i += 1) aliceOrders.push((await place(A, { merchantId })).orderId);
    for (let i = 0; i < 2; i += 1) bobOrders.push((await place(B, { merchantId })).orderId);
    const last = await place(undefined, { merchantId });
    token = last.receipt;
    aliceOrders = aliceOrders.sort();
    bobOrders = bobOrders.sort();
  }, 30_000);

  it("returns only the caller's own orders without analytics:read", async () => {
    const found = await search(alice, { filters: [byMerchant], consistencyToken: token });
    expect(ids(found)).toEqual(aliceOrders);
    expect(ids(await search(bob, { filters: [byMerchant] }))).toEqual(bobOrders);
    // owners:any is not analytics: search stays the caller's own.
    expect(ids(await search(support, { filters: [byMerchant] }))).toEqual([]);
  });

  it("never lists another customer's orders, whatever the filters ask for", async () => {
    const asked = await search(alice, {
      filters: [
        byMerchant,
        { field: 'placedBy', op: 'SEARCH_OPERATOR_IN', values: [A, B], range: null },
      ],
      consistencyToken: token,
    });
    expect(ids(asked)).toEqual(aliceOrders);
    const onlyBob = await search(alice, {
      filters: [{ field: 'placedBy', op: 'SEARCH_OPERATOR_EQ', values: [B], range: null }],
    });
    expect(onlyBob.orders).toEqual([]);
  });

  it('returns everyone’s with analytics:read', async () => {
    const all = await search(analyst, { filters: [byMerchant], consistencyToken: token });
    expect(all.orders).toHaveLength(5);
    expect(ids(all)).toEqual(expect.arrayContaining([...aliceOrders, ...bobOrders]));
  });
});
