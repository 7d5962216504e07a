import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { createAccountsClient } from '@ledgerline/accounts-client';
import { clientAuthFromEnv, createClient, RpcError, unary } from '@ledgerline/grpc';
import { createOrdersClient } from '@ledgerline/orders-client';
import { findDetail, loadPackage } from '@ledgerline/proto';
import { mintToken } from '@ledgerline/testing';
import { readModelsShow, sagaReaches } from '../fixtures/expectations';
import { type Platform, startPlatform } from '../fixtures/platform';

// Customers over real gRPC, through the call guard (mTLS + their own bearer token): they act on
// what they own, and the checkout pays for their orders only from accounts they own.

const CUSTOMER_SCOPES = ['accounts:read', 'accounts:write', 'funds:move', 'orders:place'];

let platform: Platform;
const alice = randomUUID();
const bob = randomUUID();
const closers: { close(): void }[] = [];

/** Clients of the platform calling as `subject` (a customer's token on the operator's channel). */
const customer = async (subject: string) => {
  const auth = {
    ...clientAuthFromEnv(),
    token: await mintToken({ sub: subject, scopes: CUSTOMER_SCOPES }),
  };
  const options = { auth, retries: 0, deadlineMs: 10_000 };
  const accounts = createAccountsClient(platform.address('accounts'), options);
  const orders = createOrdersClient(platform.address('orders'), options);
  const { AccountCommandService } = loadPackage(['ledgerline/accounts/v1/accounts.proto'])
    .ledgerline.accounts.v1;
  const raw = createClient(AccountCommandService, platform.address('accounts'), options);
  closers.push(accounts, orders, raw);
  return { accounts, orders, raw };
};
type Customer = Awaited<ReturnType<typeof customer>>;
let asAlice: Customer;
let asBob: Customer;

const eur = (amount: number) => ({ amountMinor: String(amount), currency: 'EUR' });

/** The PERMISSION_DENIED a call failed with: its ErrorInfo reason and the rule (or scope). */
const denied = async (call: Promise<unknown>) => {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof RpcError)) throw error;
    const info = findDetail(error.errorDetails, 'ErrorInfo');
    return { code: grpc.status[error.code], reason: info?.reason, ...info?.metadata };
  }
  throw new Error('expected PERMISSION_DENIED, but the call succeeded');
};

const openOwnAccount = async (who: Customer, ownerId: string, deposit: number) => {
  const accountId = randomUUID();
  await who.accounts.openAccount({
    accountId,
    ownerId,
    kind: 'ACCOUNT_KIND_CUSTOMER',
    currency: 'EUR',
  });
  if (deposit > 0) await who.accounts.depositFunds({ accountId, amount: eur(deposit) });
  return accountId;
};

const placeOrder = async (
  who: Customer,
  customerAccountId: string,
  merchantAccountId: string,
  amount: number,
) => {
  const orderId = randomUUID();
  await who.orders.placeOrder({
    orderId,
    customerId: alice,
    merchantId: randomUUID(),
    customerAccountId,
    merchantAccountId,
    currency: 'EUR',
    lines: [
      { sku: 'SKU-1', description: 'A blue mug', quantity: 1, unitPriceMinor: String(amount) },
    ],
  });
  return orderId;
};

/** The data of the events of one type a service stored on a stream. */
const storedData = async (schema: string, streamId: string, type: string) =>
  (
    await platform.pool.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM "${schema}".events WHERE stream_id = $1 AND event_type = $2`,
      [streamId, type],
    )
  ).rows.map((row) => row.data);

beforeAll(async () => {
  platform = await startPlatform();
  await platform.startCheckout();
  [asAlice, asBob] = [await customer(alice), await customer(bob)];
}, 60_000);
afterAll(async () => {
  for (const client of closers) client.close();
  await platform?.stop();
}, 60_000);

describe('a customer acting on accounts', () => {
  it('opens and funds its own account, but no account for someone else', async () => {
    const own = await openOwnAccount(asAlice, alice, 1_000);
    expect((await platform.accountEvents(own)).map((e) => e.type)).toEqual([
      'AccountOpened',
      'FundsDeposited',
    ]);
    const forBob = asAlice.accounts.openAccount({
      accountId: randomUUID(),
      ownerId: bob,
      kind: 'ACCOUNT_KIND_CUSTOMER',
      currency: 'EUR',
    });
    expect(await denied(forBob)).toEqual({
      code: 'PERMISSION_DENIED',
      reason: 'PERMISSION_DENIED',
      rule: 'ownership',
    });
  });

  it('cannot deposit into or withdraw from another customer’s account', async () => {
    const bobs = await openOwnAccount(asBob, bob, 500);
    const deposit = asAlice.accounts.depositFunds({ accountId: bobs, amount: eur(100) });
    const withdraw = asAlice.accounts.withdrawFunds({ accountId: bobs, amount: eur(100) });
    for (const call of [deposit, withdraw])
      expect(await denied(call)).toEqual({
        code: 'PERMISSION_DENIED',
        reason: 'PERMISSION_DENIED',
        rule: 'ownership',
      });
    expect((await platform.accountEvents(bobs)).map((e) => e.type)).toEqual([
      'AccountOpened',
      'FundsDeposited',
    ]);
  });

  it('is told NOT_FOUND for an account that does not exist, as anyone is', async () => {
    const call = asAlice.accounts.depositFunds({ accountId: randomUUID(), amount: eur(100) });
    await expect(call).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  it('cannot debit funds: settlement is not a customer’s scope', async () => {
    const own = await openOwnAccount(asAlice, alice, 1_000);
    const debit = asAlice.accounts.debitFunds({
      accountId: own,
      amount: eur(100),
      reference: 'mine',
    });
    expect(await denied(debit)).toEqual({
      code: 'PERMISSION_DENIED',
      reason: 'MISSING_SCOPE',
      scope: 'funds:settle',
    });
  });

  it('cannot use a saga: idempotency key, even on its own account', async () => {
    const own = await openOwnAccount(asAlice, alice, 0);
    const deposit = asAlice.accounts.depositFunds({
      accountId: own,
      amount: eur(100),
      idempotencyKey: `saga:${randomUUID()}:reserve-funds`,
    });
    expect(await denied(deposit)).toEqual({
      code: 'PERMISSION_DENIED',
      reason: 'PERMISSION_DENIED',
      rule: 'saga-keys',
    });
  });

  it('cannot claim to act for someone else with x-on-behalf-of', async () => {
    const own = await openOwnAccount(asAlice, alice, 0);
    const deposit = asAlice.accounts.depositFunds(
      { accountId: own, amount: eur(100) },
      { onBehalfOf: bob },
    );
    expect(await denied(deposit)).toEqual({
      code: 'PERMISSION_DENIED',
      reason: 'PERMISSION_DENIED',
      rule: 'on-behalf-of',
    });
  });

  it('is recorded as the actor of its events, whatever x-actor says', async () => {
    const own = await openOwnAccount(asAlice, alice, 0);
    const metadata = new grpc.Metadata();
    metadata.set('x-actor', 'someone-else');
    await unary(asAlice.raw, 'DepositFunds', { accountId: own, amount: eur(100) }, { metadata });
    const events = await platform.accountEvents(own);
    expect(events.map((e) => [e.type, e.metadata.actor])).toEqual([
      ['AccountOpened', alice],
      ['FundsDeposited', alice],
    ]);
  });
});

describe('a customer’s checkout', () => {
  it('pays from the customer’s own account, on the customer’s behalf', async () => {
    const own = await openOwnAccount(asAlice, alice, 5_000);
    const merchant = await platform.openAccount('MERCHANT', 0);
    const orderId = await placeOrder(asAlice, own, merchant, 1_500);

    const saga = await sagaReaches(platform, orderId, 'completed');
    await readModelsShow(platform, {
      orderId,
      paymentId: saga.state.facts.paymentId,
      order: 'confirmed',
      payment: 'captured',
      balances: {
        [own]: { balance: 3_500, reserved: 0 },
        [merchant]: { balance: 1_500, reserved: 0 },
      },
    });
    const [placed] = await storedData(platform.schemas.orders, `order-${orderId}`, 'OrderPlaced');
    expect(placed).toMatchObject({ placedBy: alice });
    expect(placed).not.toHaveProperty('placerActsForAnyOwner');
    const payment = `payment-${saga.state.facts.paymentId}`;
    expect(await storedData(platform.schemas.payments, payment, 'PaymentCreated')).toEqual([
      expect.objectContaining({ ownerId: alice }),
    ]);
  });

  it('paying from another customer’s account: the order is cancelled and no money moves', async () => {
    const bobs = await openOwnAccount(asBob, bob, 5_000);
    const merchant = await platform.openAccount('MERCHANT', 0);
    const orderId = await placeOrder(asAlice, bobs, merchant, 1_500);

    const saga = await sagaReaches(platform, orderId, 'compensated');
    expect(saga.state.reason).toBe("the paying account is not the customer's");
    const { order } = await readModelsShow(platform, {
      orderId,
      paymentId: saga.state.facts.paymentId,
      order: 'cancelled',
      payment: 'failed',
      balances: {
        [bobs]: { balance: 5_000, reserved: 0 },
        [merchant]: { balance: 0, reserved: 0 },
      },
    });
    expect(order.cancelReason).toBe("the paying account is not the customer's");
    // Refused before deciding: not even a rejected reservation is on Bob's account.
    expect((await platform.accountEvents(bobs)).map((e) => e.type)).toEqual([
      'AccountOpened',
      'FundsDeposited',
    ]);
  });

  it('an order an operator (owners:any) places pays from the customer’s account as the saga', async () => {
    const bobs = await openOwnAccount(asBob, bob, 2_000);
    const merchant = await platform.openAccount('MERCHANT', 0);
    // The platform's own clients call with the suite's token, which holds owners:any.
    const orderId = await platform.placeOrder(bobs, merchant, 500);
    await sagaReaches(platform, orderId, 'completed');
    const [placed] = await storedData(platform.schemas.orders, `order-${orderId}`, 'OrderPlaced');
    expect(placed).toMatchObject({ placerActsForAnyOwner: true });
  });
});
