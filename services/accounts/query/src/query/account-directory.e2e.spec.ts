import * as grpc from '@grpc/grpc-js';
import { type commonV1 } from '@ledgerline/proto';
import { combineReceipts } from '@ledgerline/query-service';
import { mintToken } from '@ledgerline/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the accounts command service's e2e helpers (an application: no alias)
import { failure, newId, usd } from '../../../src/fixtures/accounts-service';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the orders command service (an application: no alias), for another context's receipts
import { newOrder, startOrdersUnderTest } from '../../../../orders/src/fixtures/orders-under-test';
import {
  type AccountsQueryPlatform,
  startAccountsQueryPlatform,
} from '../fixtures/accounts-query-platform';

// The account directory (GetAccount, ListAccounts) through the real AccountQueryService, with
// customers' and operators' tokens; receipts of the orders context are accepted as tokens.

type Client = ReturnType<AccountsQueryPlatform['clientAs']>;
type Receipt = commonV1.CommandReceipt__Output;
let platform: AccountsQueryPlatform;
let orders: Awaited<ReturnType<typeof startOrdersUnderTest>>;
let alice: Client;
let bob: Client;
let operator: Client; // owners:any
const A = newId();
const B = newId();
const M = newId();

beforeAll(async () => {
  [platform, orders] = await Promise.all([startAccountsQueryPlatform(), startOrdersUnderTest()]);
  const as = async (sub: string, scopes = ['accounts:read']) =>
    platform.clientAs(await mintToken({ sub, scopes }));
  alice = await as(A);
  bob = await as(B);
  operator = await as('operator-1', ['accounts:read', 'owners:any']);
}, 90_000);
afterAll(() => Promise.all([platform?.stop(), orders?.stop()]), 30_000);

const receiptOf = (response: { receipt: Receipt | null }): Receipt => {
  if (!response.receipt) throw new Error('the command answered without a receipt');
  return response.receipt;
};

const open = async (
  ownerId: string,
  kind: 'ACCOUNT_KIND_CUSTOMER' | 'ACCOUNT_KIND_MERCHANT' = 'ACCOUNT_KIND_CUSTOMER',
) => {
  const accountId = newId();
  const receipt = receiptOf(
    await platform.commands.openAccount({ accountId, ownerId, kind, currency: 'USD' }),
  );
  return { accountId, receipt };
};

const ids = (page: { accounts: { accountId: string }[] }) => page.accounts.map((a) => a.accountId);
const sorted = (values: string[]) => [...values].sort();

describe('the account directory', () => {
  let alices: string[];
  let frozen: string;
  let bobs: string;
  let merchants: string;
  let last: Receipt;

  // Alice: three customer accounts (one frozen); Bob: one; the merchant M: one settlement account.
  beforeAll(async () => {
    alices = [];
    for (let i = 0; i < 3; i += 1) alices.push((await open(A)).accountId);
    frozen = alices[1] ?? '';
    await platform.commands.depositFunds({ accountId: frozen, amount: usd(700) });
    receiptOf(await platform.commands.freezeAccount({ accountId: frozen, reason: 'review' }));
    bobs = (await open(B)).accountId;
    const merchant = await open(M, 'ACCOUNT_KIND_MERCHANT');
    merchants = merchant.accountId;
    last = merchant.receipt;
  }, 30_000);

  it('GetAccount answers every field after the token, at once', async () => {
    const accountId = newId();
    await platform.commands.openAccount({
      accountId,
      ownerId: A,
      kind: 'ACCOUNT_KIND_CUSTOMER',
      currency: 'USD',
    });
    const deposited = receiptOf(
      await platform.commands.depositFunds({ accountId, amount: usd(1_250) }),
    );
    expect(await alice.getAccount({ accountId, consistencyToken: deposited })).toEqual({
      account: {
        accountId,
        ownerId: A,
        kind: 'ACCOUNT_KIND_CUSTOMER',
        currency: 'USD',
        status: 'ACCOUNT_STATUS_OPEN',
        frozenReason: '',
        balanceMinor: '1250',
        reservedMinor: '0',
        availableMinor: '1250',
        openedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) as string,
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) as string,
        streamVersion: '2',
      },
    });
  });

  it("GetAccount refuses another owner's account to a customer, not to an operator", async () => {
    const request = { accountId: bobs, consistencyToken: last };
    const refused = await failure(alice.getAccount(request));
    expect(refused.code).toBe(grpc.status.PERMISSION_DENIED);
    await expect(bob.getAccount(request)).resolves.toMatchObject({
      account: { accountId: bobs, ownerId: B },
    });
    await expect(operator.getAccount(request)).resolves.toMatchObject({
      account: { accountId: bobs },
    });
    expect((await failure(operator.getAccount({ accountId: newId() }))).code).toBe(
      grpc.status.NOT_FOUND,
    );
  });

  it('ListAccounts shows a customer only its own accounts, whatever owner it asks for', async () => {
    const own = await alice.listAccounts({ consistencyToken: last });
    expect(ids(own)).toEqual(expect.arrayContaining(alices));
    expect(own.accounts.every((account) => account.ownerId === A)).toBe(true);
    expect(ids(await alice.listAccounts({ ownerId: B, consistencyToken: last }))).toEqual([]);
    expect(ids(await bob.listAccounts({ ownerId: B, consistencyToken: last }))).toEqual([bobs]);
  });

  it('ListAccounts filters by owner, kind and status for an operator', async () => {
    const byOwner = await operator.listAccounts({ ownerId: A, consistencyToken: last });
    expect(ids(byOwner)).toEqual(expect.arrayContaining(sorted(alices)));
    expect(ids(byOwner)).toEqual(sorted(ids(byOwner)));
    expect(
      ids(await operator.listAccounts({ kind: 'ACCOUNT_KIND_MERCHANT', consistencyToken: last })),
    ).toEqual([merchants]);
    const frozenOnes = await operator.listAccounts({
      status: 'ACCOUNT_STATUS_FROZEN',
      consistencyToken: last,
    });
    expect(frozenOnes.accounts).toEqual([
      expect.objectContaining({
        accountId: frozen,
        status: 'ACCOUNT_STATUS_FROZEN',
        frozenReason: 'review',
        balanceMinor: '700',
      }),
    ]);
    expect(
      ids(
        await operator.listAccounts({
          ownerId: A,
          kind: 'ACCOUNT_KIND_CUSTOMER',
          status: 'ACCOUNT_STATUS_OPEN',
          consistencyToken: last,
        }),
      ),
    ).not.toContain(frozen);
  });

  it('ListAccounts pages by signed tokens that fit only their own filters', async () => {
    const all = await operator.listAccounts({ consistencyToken: last, pageSize: 200 });
    const seen: string[] = [];
    let pageToken = '';
    let pages = 0;
    do {
      const page = await operator.listAccounts({ pageSize: 2, pageToken });
      expect(page.accounts.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      pageToken = page.nextPageToken;
      pages += 1;
    } while (pageToken !== '' && pages < 50);
    expect(seen).toEqual(ids(all));
    expect(pages).toBeGreaterThanOrEqual(3);

    const first = await operator.listAccounts({ pageSize: 1 });
    const misused = await failure(
      operator.listAccounts({ pageSize: 1, ownerId: A, pageToken: first.nextPageToken }),
    );
    expect(misused.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(misused.details).toMatch(/^pageToken: /);
    // A customer's page token is scoped to its own view of the directory.
    const alicePage = await alice.listAccounts({ pageSize: 1 });
    expect(
      (await failure(bob.listAccounts({ pageSize: 1, pageToken: alicePage.nextPageToken }))).code,
    ).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('accepts an order receipt, alone or combined with an account receipt', async () => {
    const placed = await orders.client.placeOrder(newOrder());
    const { accountId, receipt } = await open(A);
    await expect(
      alice.getAccount({ accountId: frozen, consistencyToken: placed }),
    ).resolves.toMatchObject({
      account: { accountId: frozen },
    });
    const combined = combineReceipts(placed, receipt);
    // Without waiting for the order: the combined token's account receipt alone decides.
    expect(ids(await alice.listAccounts({ consistencyToken: combined }))).toContain(accountId);
    await expect(
      alice.getAccount({ accountId, consistencyToken: combined }),
    ).resolves.toMatchObject({
      account: { accountId, streamVersion: '1' },
    });
    await expect(
      alice.getBalance({ accountId, consistencyToken: combineReceipts(receipt, placed) }),
    ).resolves.toMatchObject({ accountId });
  });
});
