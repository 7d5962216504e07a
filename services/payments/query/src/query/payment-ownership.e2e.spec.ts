import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { RpcError, unary } from '@ledgerline/grpc';
import { paymentStreamId } from '@ledgerline/payments-domain';
import { type commonV1, type paymentsV1 } from '@ledgerline/proto';
import { mintToken } from '@ledgerline/testing';
import { type PaymentsStack, startPaymentsStack } from '../fixtures/payments-stack';

// Two customers' tokens against the real PaymentQueryService (mTLS, bearer tokens, the guard):
// each reads only the payments created for it, unless its token says otherwise.

let stack: PaymentsStack;
type Client = PaymentsStack['queries'];
let alice: Client;
let bob: Client;
let support: Client; // owners:any, no analytics:read
let analyst: Client; // analytics:read, no owners:any
const A = `customer-a-${randomUUID()}`;
const B = `customer-b-${randomUUID()}`;
const READ = ['payments:read', 'search:read'];

beforeAll(async () => {
  stack = await startPaymentsStack();
  const as = async (sub: string, scopes: string[]) =>
    stack.queriesAs(await mintToken({ sub, scopes }));
  alice = await as(A, READ);
  bob = await as(B, READ);
  support = await as('support-1', [...READ, 'owners:any']);
  analyst = await as('analyst-1', [...READ, 'analytics:read']);
}, 60_000);
afterAll(() => stack?.stop(), 30_000);

/**
 * A PaymentCreated event appended to the store as the command side records it (`ownerId` the
 * customer it is for; null for a payment nobody owns, as v1 events without one read), and its
 * receipt.
 */
const create = async (ownerId: string | undefined, payeeAccountId = randomUUID()) => {
  const paymentId = randomUUID();
  const data = {
    paymentId,
    orderId: randomUUID(),
    payerAccountId: randomUUID(),
    payeeAccountId,
    currency: 'EUR',
    amount: 5_000,
    at: new Date().toISOString(),
    ownerId: ownerId ?? null,
  };
  const appended = await stack.store.append(
    paymentStreamId(paymentId),
    [{ type: 'PaymentCreated', data }],
    { expectedVersion: 'no_stream' },
  );
  const receipt: commonV1.CommandReceipt = {
    streamId: appended.streamId,
    streamVersion: String(appended.nextVersion),
    globalPosition: String(appended.position),
    transactionId: appended.transactionId,
    replayed: false,
  };
  return { paymentId, receipt };
};

const rejection = async (call: Promise<unknown>): Promise<RpcError> => {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RpcError)) throw new Error(`expected an RpcError, got ${String(error)}`);
  return error;
};
const get = (client: Client, paymentId: string, consistencyToken?: commonV1.CommandReceipt) =>
  unary(client, 'GetPayment', { paymentId, ...(consistencyToken && { consistencyToken }) });
const list = (client: Client, request: paymentsV1.ListPaymentsRequest) =>
  unary(client, 'ListPayments', request);
const search = (client: Client, request: paymentsV1.SearchPaymentsRequest) =>
  unary(client, 'SearchPayments', request);
const ids = (response: { payments: { paymentId: string }[] }) =>
  response.payments.map((p) => p.paymentId).sort();

describe('GetPayment', () => {
  it("answers a customer's own payment and refuses another's, even from the cache", async () => {
    const mine = await create(A);
    const theirs = await create(B);
    await expect(get(alice, mine.paymentId, mine.receipt)).resolves.toMatchObject({
      payment: { paymentId: mine.paymentId },
    });
    // Bob's read puts his payment in the cache; Alice is refused all the same.
    await expect(get(bob, theirs.paymentId, theirs.receipt)).resolves.toMatchObject({
      payment: { paymentId: theirs.paymentId },
    });
    const refused = await rejection(get(alice, theirs.paymentId, theirs.receipt));
    expect(refused.code).toBe(status.PERMISSION_DENIED);
    expect(refused.details).toBe("permission denied: the payment is not the caller's");
    await expect(get(support, theirs.paymentId)).resolves.toMatchObject({
      payment: { paymentId: theirs.paymentId },
    });
  });

  it('refuses a customer a payment created before owners were recorded', async () => {
    const legacy = await create(undefined);
    await expect(get(support, legacy.paymentId, legacy.receipt)).resolves.toMatchObject({
      payment: { paymentId: legacy.paymentId },
    });
    expect((await rejection(get(alice, legacy.paymentId))).code).toBe(status.PERMISSION_DENIED);
  });
});

describe('ListPayments and SearchPayments', () => {
  // One merchant paid for both customers (and once before owners were recorded).
  const payee = randomUUID();
  let aliceIds: string[] = [];
  let bobIds: string[] = [];
  let legacy = '';
  let token: commonV1.CommandReceipt;
  beforeAll(async () => {
    for (let i = 0; i < 3; i += 1) aliceIds.push((await create(A, payee)).paymentId);
    for (let i = 0; i < 2; i += 1) bobIds.push((await create(B, payee)).paymentId);
    const last = await create(undefined, payee);
    legacy = last.paymentId;
    token = last.receipt;
    aliceIds = aliceIds.sort();
    bobIds = bobIds.sort();
  }, 30_000);
  const byPayee: paymentsV1.ListPaymentsRequest = {
    payeeAccountId: payee,
    status: 'PAYMENT_STATUS_UNSPECIFIED',
    createdAfter: '',
    createdBefore: '',
    pageToken: '',
  };
  const payeeFilter: paymentsV1.SearchFilter = {
    field: 'payeeAccountId',
    op: 'SEARCH_OPERATOR_EQ',
    values: [payee],
    range: null,
  };

  it("lists only the caller's own payments, and its page tokens fit no one else's list", async () => {
    const first = await list(alice, { ...byPayee, pageSize: 2, consistencyToken: token });
    const second = await list(alice, { ...byPayee, pageSize: 2, pageToken: first.nextPageToken });
    expect(second.nextPageToken).toBe('');
    expect([...ids(first), ...ids(second)].sort()).toEqual(aliceIds);
    expect(ids(await list(bob, { ...byPayee, consistencyToken: token }))).toEqual(bobIds);
    const reused = await rejection(
      list(bob, { ...byPayee, pageSize: 2, pageToken: first.nextPageToken }),
    );
    expect(reused.code).toBe(status.INVALID_ARGUMENT);
    expect(ids(await list(support, { ...byPayee, consistencyToken: token }))).toEqual(
      [...aliceIds, ...bobIds, legacy].sort(),
    );
  });

  it("searches only the caller's own payments without analytics:read, everyone's with it", async () => {
    const own = await search(alice, { filters: [payeeFilter], consistencyToken: token });
    expect(ids(own)).toEqual(aliceIds);
    const asked = await search(alice, {
      filters: [{ field: 'ownerId', op: 'SEARCH_OPERATOR_EQ', values: [B], range: null }],
    });
    expect(asked.payments).toEqual([]);
    expect(ids(await search(support, { filters: [payeeFilter] }))).toEqual([]);
    const all = await search(analyst, { filters: [payeeFilter], consistencyToken: token });
    expect(ids(all)).toEqual([...aliceIds, ...bobIds, legacy].sort());
  });
});
