import * as grpc from '@grpc/grpc-js';
import { type commonV1 } from '@ledgerline/proto';
import { mintToken } from '@ledgerline/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the accounts command service's e2e helpers (an application: no alias)
import { failure, newId, usd } from '../../../src/fixtures/accounts-service';
import {
  type AccountsQueryPlatform,
  startAccountsQueryPlatform,
} from '../fixtures/accounts-query-platform';

// Customers' and a merchant's tokens against the real AccountQueryService (mTLS, bearer
// tokens, the guard): each reads only the accounts it owns, unless its token says otherwise.

type Client = ReturnType<AccountsQueryPlatform['clientAs']>;
let platform: AccountsQueryPlatform;
let alice: Client;
let bob: Client;
let merchant: Client;
let support: Client; // owners:any
// Owner ids are UUIDs or ULIDs: so are the subjects of the tokens that own accounts.
const A = newId();
const B = newId();
const M = newId();

beforeAll(async () => {
  platform = await startAccountsQueryPlatform();
  const as = async (sub: string, scopes = ['accounts:read']) =>
    platform.clientAs(await mintToken({ sub, scopes }));
  alice = await as(A);
  bob = await as(B);
  merchant = await as(M);
  support = await as('support-1', ['accounts:read', 'owners:any']);
}, 60_000);
afterAll(() => platform?.stop(), 30_000);

const receiptOf = (response: { receipt: commonV1.CommandReceipt__Output | null }) => {
  if (!response.receipt) throw new Error('the command answered without a receipt');
  return response.receipt;
};

/** Opens an account for `ownerId` and deposits into it; the deposit's receipt is the token. */
const openFor = async (
  ownerId: string,
  kind: 'ACCOUNT_KIND_CUSTOMER' | 'ACCOUNT_KIND_MERCHANT' = 'ACCOUNT_KIND_CUSTOMER',
) => {
  const accountId = newId();
  await platform.commands.openAccount({ accountId, ownerId, kind, currency: 'USD' });
  const receipt = receiptOf(await platform.commands.depositFunds({ accountId, amount: usd(500) }));
  return { accountId, receipt };
};

describe('GetBalance and ListTransactions', () => {
  it("answer a customer's own account and refuse another's, even from the cache", async () => {
    const mine = await openFor(A);
    const theirs = await openFor(B);
    const own = { accountId: mine.accountId, consistencyToken: mine.receipt };
    const other = { accountId: theirs.accountId, consistencyToken: theirs.receipt };
    await expect(alice.getBalance(own)).resolves.toMatchObject({ ownerId: A, balanceMinor: '500' });
    // Bob's read puts his balance in the cache; Alice is refused all the same.
    await expect(bob.getBalance(other)).resolves.toMatchObject({ accountId: theirs.accountId });
    const refused = await failure(alice.getBalance(other));
    expect(refused.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(refused.details).toBe("permission denied: the account is not the caller's");

    await expect(alice.listTransactions(own)).resolves.toMatchObject({
      transactions: [expect.objectContaining({ amountMinor: '500' })],
    });
    expect((await failure(alice.listTransactions(other))).code).toBe(grpc.status.PERMISSION_DENIED);
    await expect(support.getBalance(other)).resolves.toMatchObject({
      accountId: theirs.accountId,
    });
    await expect(support.listTransactions(other)).resolves.toMatchObject({ streamVersion: '2' });
  });

  it("lets a merchant read its settlement account and no customer's, nor a customer its", async () => {
    const settlement = await openFor(M, 'ACCOUNT_KIND_MERCHANT');
    const request = { accountId: settlement.accountId, consistencyToken: settlement.receipt };
    await expect(merchant.getBalance(request)).resolves.toMatchObject({
      accountId: settlement.accountId,
    });
    expect((await failure(alice.getBalance(request))).code).toBe(grpc.status.PERMISSION_DENIED);
    const customers = await openFor(A);
    const theirs = { accountId: customers.accountId, consistencyToken: customers.receipt };
    expect((await failure(merchant.listTransactions(theirs))).code).toBe(
      grpc.status.PERMISSION_DENIED,
    );
  });

  it('still says NOT_FOUND for an account nobody opened', async () => {
    expect((await failure(alice.getBalance({ accountId: newId() }))).code).toBe(
      grpc.status.NOT_FOUND,
    );
    expect((await failure(alice.listTransactions({ accountId: newId() }))).code).toBe(
      grpc.status.NOT_FOUND,
    );
  });
});
