import * as grpc from '@grpc/grpc-js';
import { cacheKeys } from '@ledgerline/cache';
import { type commonV1 } from '@ledgerline/proto';
import { eventually } from '@ledgerline/testing';
import { Redis } from 'ioredis';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the accounts command service's e2e helpers (an application: no alias)
import { failure, newId, usd } from '../../../src/fixtures/accounts-service';
import {
  type AccountsQueryPlatform,
  startAccountsQueryPlatform,
} from '../fixtures/accounts-query-platform';

// Commands through AccountCommandService (relay on), reads through AccountQueryService: the
// whole pipeline (store → outbox relay → Kafka → projectors → views → cache → gRPC).

let platform: AccountsQueryPlatform;

beforeAll(async () => {
  platform = await startAccountsQueryPlatform();
}, 60_000);
afterAll(() => platform?.stop(), 30_000);

const receiptOf = (response: { receipt: commonV1.CommandReceipt__Output | null }) => {
  if (!response.receipt) throw new Error('the command answered without a receipt');
  return response.receipt;
};

const open = async () => {
  const accountId = newId();
  const ownerId = newId();
  const receipt = receiptOf(
    await platform.commands.openAccount({
      accountId,
      ownerId,
      kind: 'ACCOUNT_KIND_CUSTOMER',
      currency: 'USD',
    }),
  );
  return { accountId, ownerId, streamId: `account-${accountId}`, receipt };
};
const deposit = async (accountId: string, amount: number) =>
  receiptOf(await platform.commands.depositFunds({ accountId, amount: usd(amount) }));
const withdraw = async (accountId: string, amount: number) =>
  receiptOf(await platform.commands.withdrawFunds({ accountId, amount: usd(amount) }));
const reserve = async (accountId: string, amount: number) =>
  receiptOf(
    await platform.commands.reserveFunds({
      accountId,
      reservationId: newId(),
      amount: usd(amount),
    }),
  );

const balanceOf = (accountId: string, consistencyToken?: commonV1.CommandReceipt) =>
  platform.client.getBalance({ accountId, ...(consistencyToken && { consistencyToken }) });

const expectInvalid = (error: { code: grpc.status; details: string }, field: string) =>
  expect({ code: error.code, details: error.details }).toEqual({
    code: grpc.status.INVALID_ARGUMENT,
    details: expect.stringMatching(new RegExp(`^${field}: `)) as string,
  });

describe('GetBalance', () => {
  it('answers with the state after the command passed as consistency token, at once', async () => {
    const { accountId, ownerId } = await open();
    await deposit(accountId, 10_000);
    const receipt = await reserve(accountId, 2_500);

    expect(await balanceOf(accountId, receipt)).toEqual({
      accountId,
      ownerId,
      kind: 'ACCOUNT_KIND_CUSTOMER',
      currency: 'USD',
      balanceMinor: '10000',
      reservedMinor: '2500',
      availableMinor: '7500',
      status: 'ACCOUNT_STATUS_OPEN',
      frozenReason: '',
      streamVersion: '3',
      openedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) as string,
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) as string,
    });
  });

  it('answers the same state eventually without a token', async () => {
    const { accountId } = await open();
    await deposit(accountId, 700);
    await withdraw(accountId, 200);

    await eventually(async () =>
      expect(await balanceOf(accountId)).toMatchObject({
        balanceMinor: '500',
        availableMinor: '500',
        streamVersion: '3',
      }),
    );
  });

  it('fails with DEADLINE_EXCEEDED naming the lag, within the deadline, when the token is ahead', async () => {
    const { accountId, streamId, receipt } = await open();
    await balanceOf(accountId, receipt);

    const started = Date.now();
    const error = await failure(
      platform.client.getBalance(
        { accountId, consistencyToken: { ...receipt, streamVersion: '6' } },
        { deadlineMs: 1_500 },
      ),
    );
    expect(error.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    expect(error.details).toMatch(
      new RegExp(
        `view has applied stream ${streamId} up to version 1, token asks 6; projection lag \\d+ events`,
      ),
    );
    expect(error.errorDetails).toContainEqual(
      expect.objectContaining({ type: 'ErrorInfo', reason: 'READ_MODEL_BEHIND' }),
    );
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('answers NOT_FOUND for an account nobody opened', async () => {
    const accountId = newId();
    const error = await failure(balanceOf(accountId));
    expect(error.code).toBe(grpc.status.NOT_FOUND);
    expect(error.details).toContain(accountId);
  });

  it('refuses a malformed account id or token, naming the field', async () => {
    expectInvalid(await failure(balanceOf('not-an-id')), 'accountId');
    const { accountId, receipt } = await open();
    expectInvalid(
      await failure(balanceOf(accountId, { ...receipt, transactionId: 'x1' })),
      'consistencyToken\\.transactionId',
    );
  });
});

describe('the balances cache', () => {
  it('never answers with a cached balance older than the token', async () => {
    const { accountId, streamId } = await open();
    const first = await deposit(accountId, 100);
    expect(await balanceOf(accountId, first)).toMatchObject({ balanceMinor: '100' });
    const redis = new Redis(platform.redis.url);
    try {
      const keys = cacheKeys(platform.cacheNamespace);
      // A write-back slower than the cache's 50 ms command timeout (a busy host) is dropped, not
      // waited for: read again until the version-2 entry is cached.
      let cached: Buffer | null = null;
      await eventually(async () => {
        await balanceOf(accountId, first);
        cached = await redis.dumpBuffer(keys.entry(streamId));
        expect(cached).not.toBeNull();
      });

      const second = await deposit(accountId, 50);
      expect(await balanceOf(accountId, second)).toMatchObject({ balanceMinor: '150' });
      // The projector raised the floor past the cached version after its batch committed.
      await eventually(async () => expect(await redis.get(keys.floor(streamId))).toBe('3'));
      // Now lose that invalidation: the version-2 entry is back and no floor protects it.
      await redis.restore(keys.entry(streamId), 60_000, cached!, 'REPLACE');
      await redis.del(keys.floor(streamId));

      expect(await balanceOf(accountId)).toMatchObject({ balanceMinor: '100', streamVersion: '2' });
      expect(await balanceOf(accountId, second)).toMatchObject({
        balanceMinor: '150',
        streamVersion: '3',
      });
    } finally {
      redis.disconnect();
    }
  });
});

describe('ListTransactions', () => {
  it('pages an account history newest first with page tokens', async () => {
    const { accountId } = await open();
    await deposit(accountId, 100);
    await deposit(accountId, 200);
    await withdraw(accountId, 50);
    const last = await reserve(accountId, 25);

    const first = await platform.client.listTransactions({
      accountId,
      pageSize: 2,
      consistencyToken: last,
    });
    expect(first.streamVersion).toBe('5');
    expect(first.nextPageToken).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(first.transactions).toEqual([
      expect.objectContaining({
        streamVersion: '5',
        type: 'FundsReserved',
        amountMinor: '0',
        reservedChangeMinor: '25',
        balanceAfterMinor: '250',
        reservedAfterMinor: '25',
        currency: 'USD',
        reservationId: expect.any(String) as string,
      }),
      expect.objectContaining({ streamVersion: '4', type: 'FundsWithdrawn', amountMinor: '-50' }),
    ]);
    const second = await platform.client.listTransactions({
      accountId,
      pageSize: 2,
      pageToken: first.nextPageToken,
    });
    expect(second.transactions.map((t) => [t.streamVersion, t.type, t.amountMinor])).toEqual([
      ['3', 'FundsDeposited', '200'],
      ['2', 'FundsDeposited', '100'],
    ]);
    expect(second.nextPageToken).toBe('');
  });

  it('refuses a page token issued for another account', async () => {
    const one = await open();
    await deposit(one.accountId, 1);
    const last = await deposit(one.accountId, 2);
    const page = await platform.client.listTransactions({
      accountId: one.accountId,
      pageSize: 1,
      consistencyToken: last,
    });
    expect(page.nextPageToken).not.toBe('');

    const other = await open();
    const error = await failure(
      platform.client.listTransactions({
        accountId: other.accountId,
        pageSize: 1,
        pageToken: page.nextPageToken,
        consistencyToken: other.receipt,
      }),
    );
    expectInvalid(error, 'pageToken');
  });

  it('refuses a negative page size and answers NOT_FOUND for an unknown account', async () => {
    expectInvalid(
      await failure(platform.client.listTransactions({ accountId: newId(), pageSize: -1 })),
      'pageSize',
    );
    const error = await failure(platform.client.listTransactions({ accountId: newId() }));
    expect(error.code).toBe(grpc.status.NOT_FOUND);
  });
});

// Last: it kills the service's private Redis for good.
describe('with Redis stopped', () => {
  it('still answers balances, from PostgreSQL', async () => {
    const { accountId } = await open();
    const first = await deposit(accountId, 700);
    expect(await balanceOf(accountId, first)).toMatchObject({ balanceMinor: '700' });

    await platform.redis.kill();
    const second = await deposit(accountId, 300);
    const started = Date.now();
    expect(await balanceOf(accountId, second)).toMatchObject({
      balanceMinor: '1000',
      streamVersion: '3',
    });
    expect(await balanceOf(accountId)).toMatchObject({ balanceMinor: '1000' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
