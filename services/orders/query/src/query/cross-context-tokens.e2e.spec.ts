import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { unary } from '@ledgerline/grpc';
import { type commonV1 } from '@ledgerline/proto';
import { combineReceipts } from '@ledgerline/query-service';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the accounts command service (an application: no alias), for another context's receipts
import { startAccountsService } from '../../../../accounts/src/fixtures/accounts-service';
import { newOrder, type OrdersStack, startOrdersStack } from '../fixtures/orders-stack';

// Receipts of the accounts context (its own event store) given to the orders query service:
// accepted alone, and combined with an order's receipt they make every read include the order
// at once (ADR 0024).

let stack: OrdersStack;
let accounts: Awaited<ReturnType<typeof startAccountsService>>;

beforeAll(async () => {
  [stack, accounts] = await Promise.all([startOrdersStack(), startAccountsService()]);
}, 90_000);
afterAll(() => Promise.all([stack?.stop(), accounts?.stop()]), 30_000);

/** A deposit on a fresh account: a receipt of the accounts store. */
const deposit = async (): Promise<commonV1.CommandReceipt__Output> => {
  const accountId = randomUUID();
  await accounts.client.openAccount({
    accountId,
    ownerId: randomUUID(),
    kind: 'ACCOUNT_KIND_CUSTOMER',
    currency: 'EUR',
  });
  const { receipt } = await accounts.client.depositFunds({
    accountId,
    amount: { amountMinor: '100', currency: 'EUR' },
  });
  if (!receipt) throw new Error('the deposit answered without a receipt');
  return receipt;
};

const getOrder = (orderId: string, consistencyToken: commonV1.CommandReceipt__Output) =>
  unary(stack.queries, 'GetOrder', { orderId, consistencyToken }, { deadlineMs: 10_000 });
const listOrders = (customerId: string, consistencyToken: commonV1.CommandReceipt__Output) =>
  unary(
    stack.queries,
    'ListOrdersByCustomer',
    { customerId, consistencyToken },
    { deadlineMs: 10_000 },
  );
const searchOrders = (customerId: string, consistencyToken: commonV1.CommandReceipt__Output) =>
  unary(
    stack.queries,
    'SearchOrders',
    {
      filters: [{ field: 'customerId', op: 'SEARCH_OPERATOR_EQ', values: [customerId] }],
      consistencyToken,
    },
    { deadlineMs: 10_000 },
  );

describe('a receipt of another context given to the orders query service', () => {
  it('is accepted by every read and asks nothing of the orders views', async () => {
    const deposited = await deposit();
    const customerId = randomUUID();
    await expect(getOrder(randomUUID(), deposited)).rejects.toMatchObject({
      code: status.NOT_FOUND, // the token was accepted; the order does not exist
    });
    await expect(listOrders(customerId, deposited)).resolves.toEqual({
      orders: [],
      nextPageToken: '',
    });
    await expect(searchOrders(customerId, deposited)).resolves.toMatchObject({ orders: [] });
  });

  it('combined with an order receipt, makes every read include the order at once', async () => {
    const order = newOrder();
    const placed = await stack.orders.placeOrder(order);
    const deposited = await deposit();
    // The account's receipt first: the order's travels in `combined`.
    const token = combineReceipts(deposited, placed);
    await expect(getOrder(order.orderId, token)).resolves.toMatchObject({
      order: { orderId: order.orderId, status: 'ORDER_STATUS_PLACED' },
    });
    const listed = await listOrders(order.customerId, combineReceipts(placed, deposited));
    expect(listed.orders.map((o) => o.orderId)).toEqual([order.orderId]);
    const found = await searchOrders(order.customerId, token);
    expect(found.orders.map((o) => o.orderId)).toEqual([order.orderId]);
  });
});
