import * as grpc from '@grpc/grpc-js';
import { type AccountsClient, createAccountsClient } from '@ledgerline/accounts-client';
import { clientAuthFromEnv } from '@ledgerline/grpc';
import { findDetail } from '@ledgerline/proto';
import { mintToken } from '@ledgerline/testing';
import {
  type AccountsService,
  failure,
  newId,
  openAccount,
  startAccountsService,
  usd,
} from '../fixtures/accounts-service';

// TransferFunds through the typed client, a real gRPC server, the two-stream command loop and
// PostgreSQL: both legs in one transaction or neither, one idempotency key for both, and only the
// source's owner may send.

let service: AccountsService;

beforeAll(async () => {
  service = await startAccountsService();
});
afterAll(() => service.stop());

const ruleOf = (error: { errorDetails: Parameters<typeof findDetail>[0] }) =>
  findDetail(error.errorDetails, 'PreconditionFailure')?.violations[0]?.subject;
const typesOf = async (streamId: string) =>
  (await service.store.readStream(streamId)).map((e) => e.type);

describe('TransferFunds', () => {
  it('records both legs in one transaction and answers with both receipts', async () => {
    const from = await openAccount(service.client, { balance: 1_000 });
    const to = await openAccount(service.client, { balance: 10 });
    const response = await service.client.transferFunds({
      fromAccountId: from.accountId,
      toAccountId: to.accountId,
      amount: usd(300),
      reference: 'rent',
    });
    expect(response.sourceReceipt).toMatchObject({ streamId: from.streamId, streamVersion: '3' });
    expect(response.destinationReceipt).toMatchObject({
      streamId: to.streamId,
      streamVersion: '3',
    });
    expect(response.sourceReceipt?.transactionId).toBe(response.destinationReceipt?.transactionId);
    const [out] = await service.store.readStream(from.streamId, { from: 3 });
    const [into] = await service.store.readStream(to.streamId, { from: 3 });
    expect(out).toMatchObject({
      type: 'FundsTransferredOut',
      data: {
        transferId: response.transferId,
        counterpartyAccountId: to.accountId,
        amount: 300,
        balance: 700,
        reference: 'rent',
      },
    });
    expect(into).toMatchObject({
      type: 'FundsTransferredIn',
      data: {
        transferId: response.transferId,
        counterpartyAccountId: from.accountId,
        balance: 310,
      },
    });
    expect(out?.transactionId).toBe(into?.transactionId);
  });

  it('answers a retry with the original receipts and writes nothing more', async () => {
    const from = await openAccount(service.client, { balance: 500 });
    const to = await openAccount(service.client);
    const request = {
      fromAccountId: from.accountId,
      toAccountId: to.accountId,
      amount: usd(500),
      idempotencyKey: newId(),
    };
    const first = await service.client.transferFunds(request);
    // The source is now empty: only the key tells the retry from a new transfer.
    const retry = await service.client.transferFunds(request);
    expect(retry).toEqual({
      ...first,
      sourceReceipt: { ...first.sourceReceipt, replayed: true },
      destinationReceipt: { ...first.destinationReceipt, replayed: true },
    });
    expect(await typesOf(from.streamId)).toHaveLength(3);
    const conflict = await failure(service.client.transferFunds({ ...request, amount: usd(1) }));
    expect(conflict.code).toBe(grpc.status.ALREADY_EXISTS);
  });

  it.each([
    ['a frozen source', 'source', 'account-frozen'],
    ['a frozen destination', 'destination', 'account-frozen'],
  ])('answers FAILED_PRECONDITION to %s and writes nothing', async (_name, which, rule) => {
    const from = await openAccount(service.client, { balance: 100 });
    const to = await openAccount(service.client);
    const frozen = which === 'source' ? from : to;
    await service.client.freezeAccount({ accountId: frozen.accountId, reason: 'review' });
    const error = await failure(
      service.client.transferFunds({
        fromAccountId: from.accountId,
        toAccountId: to.accountId,
        amount: usd(1),
      }),
    );
    expect([error.code, ruleOf(error)]).toEqual([grpc.status.FAILED_PRECONDITION, rule]);
    expect(await typesOf(from.streamId)).not.toContain('FundsTransferredOut');
    expect(await typesOf(to.streamId)).not.toContain('FundsTransferredIn');
  });

  it('answers FAILED_PRECONDITION to a closed destination, another currency and reserved funds', async () => {
    const from = await openAccount(service.client, { balance: 100 });
    const closed = await openAccount(service.client);
    await service.client.closeAccount({ accountId: closed.accountId });
    const euros = await openAccount(service.client, { currency: 'EUR' });
    await service.client.reserveFunds({
      accountId: from.accountId,
      reservationId: newId(),
      amount: usd(60),
    });
    const transfer = (toAccountId: string, amount = usd(10)) =>
      failure(service.client.transferFunds({ fromAccountId: from.accountId, toAccountId, amount }));
    const refusals = [
      await transfer(closed.accountId),
      await transfer(euros.accountId),
      await transfer(euros.accountId, { amountMinor: '10', currency: 'EUR' }),
      await transfer((await openAccount(service.client)).accountId, usd(41)),
    ];
    expect(refusals.map((e) => [e.code, ruleOf(e)])).toEqual([
      [grpc.status.FAILED_PRECONDITION, 'account-closed'],
      [grpc.status.FAILED_PRECONDITION, 'currency-mismatch'],
      [grpc.status.FAILED_PRECONDITION, 'currency-mismatch'],
      [grpc.status.FAILED_PRECONDITION, 'insufficient-funds'],
    ]);
    expect(await typesOf(from.streamId)).not.toContain('FundsTransferredOut');
  });

  it('answers NOT_FOUND naming the account that does not exist', async () => {
    const from = await openAccount(service.client, { balance: 100 });
    const missing = newId();
    const error = await failure(
      service.client.transferFunds({
        fromAccountId: from.accountId,
        toAccountId: missing,
        amount: usd(1),
      }),
    );
    expect(error.code).toBe(grpc.status.NOT_FOUND);
    expect(findDetail(error.errorDetails, 'ResourceInfo')).toMatchObject({
      resourceType: 'account',
      resourceName: missing,
    });
    expect(await service.store.streamVersion(`account-${missing}`)).toBe(0);
  });
});

describe('who may transfer', () => {
  let asCustomer: AccountsClient;
  const customer = newId();

  beforeAll(async () => {
    const token = await mintToken({ sub: customer, scopes: ['funds:move', 'accounts:write'] });
    asCustomer = createAccountsClient(service.address, {
      auth: { ...clientAuthFromEnv(), token },
      retries: 0,
    });
  });
  afterAll(() => asCustomer.close());

  const ownAccount = async (balance: number) => {
    const accountId = newId();
    await asCustomer.openAccount({
      accountId,
      ownerId: customer,
      kind: 'ACCOUNT_KIND_CUSTOMER',
      currency: 'USD',
    });
    await service.client.depositFunds({ accountId, amount: usd(balance) });
    return accountId;
  };

  it('is the owner of the source, paying anyone', async () => {
    const mine = await ownAccount(100);
    const someoneElses = await openAccount(service.client);
    await asCustomer.transferFunds({
      fromAccountId: mine,
      toAccountId: someoneElses.accountId,
      amount: usd(40),
    });
    expect(await typesOf(someoneElses.streamId)).toContain('FundsTransferredIn');
  });

  it('is not anyone else: PERMISSION_DENIED and nothing written', async () => {
    const mine = await ownAccount(1);
    const someoneElses = await openAccount(service.client, { balance: 100 });
    const error = await failure(
      asCustomer.transferFunds({
        fromAccountId: someoneElses.accountId,
        toAccountId: mine,
        amount: usd(40),
      }),
    );
    expect(error.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(await typesOf(someoneElses.streamId)).toEqual(['AccountOpened', 'FundsDeposited']);
  });
});
