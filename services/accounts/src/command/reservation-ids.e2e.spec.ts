import * as grpc from '@grpc/grpc-js';
import { RECENT_SETTLEMENTS_KEPT } from '@ledgerline/accounts-domain';
import { type RpcError } from '@ledgerline/grpc';
import { findDetail } from '@ledgerline/proto';
import { Pool } from 'pg';
import { servers } from '@ledgerline/testing';
import {
  type AccountsService,
  failure,
  newId,
  openAccount,
  startAccountsService,
  usd,
} from '../fixtures/accounts-service';

// The account's state forgets old settlements (ADR 0018); these tests make an account old enough
// to forget some and check over gRPC that a forgotten reservation id is still never reused, and
// that a saga's step re-sent after its idempotency key was pruned does not apply twice.

let service: AccountsService;
let admin: Pool;
beforeAll(async () => {
  service = await startAccountsService();
  admin = new Pool({ connectionString: (await servers()).postgresUrl, max: 1 });
});
afterAll(async () => {
  await admin.end();
  await service.stop();
});

const ruleOf = (error: RpcError) => ({
  code: error.code,
  rule: findDetail(error.errorDetails, 'PreconditionFailure')?.violations[0]?.subject,
});
const refusedWith = (rule: string) => ({ code: grpc.status.FAILED_PRECONDITION, rule });

/** An account with more settled reservations than its state keeps; the first one is forgotten. */
const oldAccount = async () => {
  const { accountId, streamId } = await openAccount(service.client, { balance: 1_000 });
  const settled: string[] = [];
  for (let i = 0; i < RECENT_SETTLEMENTS_KEPT + 3; i++) {
    const reservationId = newId();
    await service.client.reserveFunds({ accountId, reservationId, amount: usd(10) });
    await service.client.releaseReservation({ accountId, reservationId });
    settled.push(reservationId);
  }
  return { accountId, streamId, forgotten: settled[0]! };
};

describe('reservation ids on an account that forgot its oldest settlements', () => {
  let account: Awaited<ReturnType<typeof oldAccount>>;
  beforeAll(async () => {
    account = await oldAccount();
  });
  const version = () => service.store.streamVersion(account.streamId);

  it('refuses to reserve a forgotten id again, as it refused it when remembered', async () => {
    const before = await version();
    const { accountId, forgotten } = account;
    const error = await failure(
      service.client.reserveFunds({ accountId, reservationId: forgotten, amount: usd(10) }),
    );
    expect(ruleOf(error)).toEqual(refusedWith('reservation-already-exists'));
    expect(await version()).toBe(before);
  });

  it('refuses a forgotten id as reused even when the account could not grant it', async () => {
    const before = await version();
    const { accountId, forgotten } = account;
    const error = await failure(
      service.client.reserveFunds({ accountId, reservationId: forgotten, amount: usd(1_000_000) }),
    );
    expect(ruleOf(error)).toEqual(refusedWith('reservation-already-exists'));
    expect(await version()).toBe(before);
  });

  it('refuses to capture or release a forgotten settlement as already settled', async () => {
    const { accountId, forgotten } = account;
    const captured = await failure(
      service.client.captureReservation({ accountId, reservationId: forgotten }),
    );
    expect(ruleOf(captured)).toEqual(refusedWith('reservation-already-settled'));
    const released = await failure(
      service.client.releaseReservation({ accountId, reservationId: forgotten }),
    );
    expect(ruleOf(released)).toEqual(refusedWith('reservation-already-settled'));
  });

  it('still answers reservation-not-found for an id the account never had', async () => {
    const error = await failure(
      service.client.captureReservation({ accountId: account.accountId, reservationId: newId() }),
    );
    expect(ruleOf(error)).toEqual(refusedWith('reservation-not-found'));
  });
});

describe("a saga's step re-sent after its idempotency key was pruned", () => {
  it('replays while the key is kept, and is refused, not applied twice, once it is gone', async () => {
    const { accountId, streamId } = await openAccount(service.client, { balance: 500 });
    const reservationId = newId();
    const order = newId();
    await service.client.reserveFunds({
      accountId,
      reservationId,
      amount: usd(200),
      idempotencyKey: `saga:${order}:reserve-funds`,
    });
    const capture = () =>
      service.client.captureReservation({
        accountId,
        reservationId,
        idempotencyKey: `saga:${order}:capture-reservation`,
      });
    const first = await capture();
    expect((await capture()).receipt).toEqual({ ...first.receipt, replayed: true });

    await admin.query(
      `UPDATE "${service.schema}".idempotency_keys SET created_at = now() - interval '31 days'
        WHERE key LIKE $1`,
      [`saga:${order}:%`],
    );
    expect((await service.pruner.runOnce()).sagaKeys).toBe(2);

    expect(ruleOf(await failure(capture()))).toEqual(refusedWith('reservation-already-settled'));
    const reserveAgain = service.client.reserveFunds({
      accountId,
      reservationId,
      amount: usd(200),
      idempotencyKey: `saga:${order}:reserve-funds`,
    });
    expect(ruleOf(await failure(reserveAgain))).toEqual(refusedWith('reservation-already-exists'));
    const types = (await service.store.readStream(streamId)).map((event) => event.type);
    expect(types.filter((type) => type === 'ReservationCaptured')).toHaveLength(1);
    expect(types.filter((type) => type === 'FundsReserved')).toHaveLength(1);
  });
});
