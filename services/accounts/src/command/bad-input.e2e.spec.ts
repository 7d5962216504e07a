import * as grpc from '@grpc/grpc-js';
import { createClient, RpcError, unary } from '@ledgerline/grpc';
import { type accountsV1 } from '@ledgerline/proto';
import { loadAccountsPackage } from './account-command-service';
import {
  type AccountsService,
  expectInvalidField,
  failure,
  newId,
  openAccount,
  startAccountsService,
  usd,
} from '../fixtures/accounts-service';

// Malformed requests are refused before anything is written: INVALID_ARGUMENT naming the field by
// its proto3 JSON path, in the message and in the google.rpc.BadRequest details.

let service: AccountsService;
let accountId: string;
let raw: accountsV1.AccountCommandServiceClient;

beforeAll(async () => {
  service = await startAccountsService();
  ({ accountId } = await openAccount(service.client, { balance: 1_000 }));
  // A generated client without the typed wrapper, to send what TypeScript would refuse.
  raw = createClient(loadAccountsPackage().AccountCommandService, service.address, { retries: 0 });
});
afterAll(async () => {
  raw.close();
  await service.stop();
});

const c = () => service.client;
const LONG = 'x'.repeat(10 * 1024);
const money = (amountMinor: string, currency = 'USD') => ({ amountMinor, currency });

// [what is wrong, the call (given a fresh account id for OpenAccount rows), the field named]
const cases: [string, (freshId: string) => Promise<unknown>, string][] = [
  [
    'a negative amount',
    () => c().depositFunds({ accountId, amount: usd(-5) }),
    'amount.amountMinor',
  ],
  ['a zero amount', () => c().withdrawFunds({ accountId, amount: usd(0) }), 'amount.amountMinor'],
  [
    'an amount above the limit',
    () => c().creditFunds({ accountId, amount: usd('10000000000001'), reference: 'r' }),
    'amount.amountMinor',
  ],
  [
    'an amount beyond int64 precision',
    () => c().debitFunds({ accountId, amount: usd('9007199254740993'), reference: 'r' }),
    'amount.amountMinor',
  ],
  ['a missing amount', () => c().depositFunds({ accountId }), 'amount'],
  [
    'a lower-case currency',
    () => c().depositFunds({ accountId, amount: money('5', 'usd') }),
    'amount.currency',
  ],
  [
    'an unknown currency',
    () => c().depositFunds({ accountId, amount: money('5', 'XXX') }),
    'amount.currency',
  ],
  [
    'a missing currency',
    () => c().depositFunds({ accountId, amount: money('5', '') }),
    'amount.currency',
  ],
  ['a missing account id', () => c().depositFunds({ amount: usd(5) }), 'accountId'],
  ['a malformed account id', () => c().closeAccount({ accountId: 'acc-1' }), 'accountId'],
  ['a 10 KB account id', () => c().unfreezeAccount({ accountId: LONG }), 'accountId'],
  [
    'a missing reservation id',
    () => c().reserveFunds({ accountId, amount: usd(5) }),
    'reservationId',
  ],
  [
    'a malformed reservation id',
    () => c().captureReservation({ accountId, reservationId: 'r-1' }),
    'reservationId',
  ],
  ['a 10 KB freeze reason', () => c().freezeAccount({ accountId, reason: LONG }), 'reason'],
  ['a blank freeze reason', () => c().freezeAccount({ accountId, reason: '   ' }), 'reason'],
  ['a missing credit reference', () => c().creditFunds({ accountId, amount: usd(5) }), 'reference'],
  [
    'a 10 KB deposit reference',
    () => c().depositFunds({ accountId, amount: usd(5), reference: LONG }),
    'reference',
  ],
  // Text the event store cannot hold (PostgreSQL refuses NUL in text and jsonb) or that is no
  // single line: refused by the one text rule, not failed inside the append.
  [
    'a NUL in a freeze reason',
    () => c().freezeAccount({ accountId, reason: 'fraud\u0000review' }),
    'reason',
  ],
  [
    'a line feed in a deposit reference',
    () => c().depositFunds({ accountId, amount: usd(5), reference: 'first\nsecond' }),
    'reference',
  ],
  [
    'an escape character in a credit reference',
    () => c().creditFunds({ accountId, amount: usd(5), reference: '\u001b[2Jinvoice' }),
    'reference',
  ],
  [
    'a reference that is only a NUL (not taken as blank)',
    () => c().withdrawFunds({ accountId, amount: usd(5), reference: '\u0000' }),
    'reference',
  ],
  [
    'a NUL in the idempotency key',
    () => c().depositFunds({ accountId, amount: usd(5), idempotencyKey: 'key\u0000' }),
    'idempotencyKey',
  ],
  [
    'an over-long idempotency key',
    () => c().depositFunds({ accountId, amount: usd(5), idempotencyKey: 'k'.repeat(129) }),
    'idempotencyKey',
  ],
  [
    'an idempotency key that differs from the header',
    () =>
      c().depositFunds({ accountId, amount: usd(5), idempotencyKey: 'a' }, { idempotencyKey: 'b' }),
    'idempotencyKey',
  ],
  [
    'a transfer to the account it comes from',
    () => c().transferFunds({ fromAccountId: accountId, toAccountId: accountId, amount: usd(5) }),
    'toAccountId',
  ],
  [
    'a malformed transfer source',
    (id) => c().transferFunds({ fromAccountId: 'acc-1', toAccountId: id, amount: usd(5) }),
    'fromAccountId',
  ],
  [
    'a missing transfer destination',
    () => c().transferFunds({ fromAccountId: accountId, amount: usd(5) }),
    'toAccountId',
  ],
  [
    'a zero transfer amount',
    (id) => c().transferFunds({ fromAccountId: accountId, toAccountId: id, amount: usd(0) }),
    'amount.amountMinor',
  ],
  [
    'a missing transfer amount',
    (id) => c().transferFunds({ fromAccountId: accountId, toAccountId: id }),
    'amount',
  ],
  [
    'a transfer in an unknown currency',
    (id) =>
      c().transferFunds({ fromAccountId: accountId, toAccountId: id, amount: money('5', 'XXX') }),
    'amount.currency',
  ],
  [
    'a 10 KB transfer reference',
    (id) =>
      c().transferFunds({
        fromAccountId: accountId,
        toAccountId: id,
        amount: usd(5),
        reference: LONG,
      }),
    'reference',
  ],
  [
    'a malformed owner id',
    (id) =>
      c().openAccount({
        accountId: id,
        ownerId: 'me',
        kind: 'ACCOUNT_KIND_CUSTOMER',
        currency: 'USD',
      }),
    'ownerId',
  ],
  [
    'an unspecified account kind',
    (id) => c().openAccount({ accountId: id, ownerId: newId(), currency: 'USD' }),
    'kind',
  ],
  [
    'an account kind number outside the enum',
    (id) =>
      unary(raw, 'OpenAccount', {
        accountId: id,
        ownerId: newId(),
        kind: 7 as never,
        currency: 'USD',
      }),
    'kind',
  ],
  [
    'a number where the account id string goes',
    () => unary(raw, 'DepositFunds', { accountId: 42 as never, amount: usd(5) }),
    'accountId',
  ],
  [
    'a number where the currency string goes',
    () =>
      unary(raw, 'DepositFunds', {
        accountId,
        amount: { amountMinor: '5', currency: 840 as never },
      }),
    'amount.currency',
  ],
  [
    'a varint where the account id string goes (wire type mismatch, field skipped)',
    () => rawBytes('DepositFunds', Buffer.from([0x08, 0x2a])),
    'accountId',
  ],
  [
    'an over-long correlation id header',
    () => c().depositFunds({ accountId, amount: usd(5) }, { correlationId: 'c'.repeat(129) }),
    'x-correlation-id',
  ],
];

/** Sends hand-made protobuf bytes, as a client of another language might. */
const rawBytes = (method: string, bytes: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    raw.makeUnaryRequest(
      `/ledgerline.accounts.v1.AccountCommandService/${method}`,
      (b: Buffer) => b,
      (b: Buffer) => b,
      bytes,
      (error: grpc.ServiceError | null, response?: Buffer) =>
        error ? reject(RpcError.from(error)) : resolve(response!),
    );
  });

describe('malformed requests', () => {
  let positionBefore: number;
  beforeAll(async () => {
    positionBefore = await service.store.headPosition();
  });

  it.each(cases)('refuses %s, naming the field', async (_, call, field) => {
    const freshId = newId();
    const error = await failure(call(freshId));
    expectInvalidField(error, field);
    expect(await service.store.streamVersion(`account-${freshId}`)).toBe(0);
  });

  it('refuses a request over the size cap with RESOURCE_EXHAUSTED before any handler runs', async () => {
    const error = await failure(
      c().depositFunds({ accountId, amount: usd(5), reference: 'x'.repeat(100 * 1024) }),
    );
    expect(error.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
  });

  it('answers bytes that are no protobuf message with grpc-js’s INTERNAL, as gRPC specifies', async () => {
    // A length prefix running past the end cannot be decoded at all: grpc-js answers before
    // any handler, so there is no field to name.
    const error = await failure(rawBytes('DepositFunds', Buffer.from([0x12, 0x05])));
    expect(error.code).toBe(grpc.status.INTERNAL);
  });

  it('wrote nothing for any of them', async () => {
    expect(await service.store.headPosition()).toBe(positionBefore);
    expect(await service.store.streamVersion(`account-${accountId}`)).toBe(2);
  });
});
