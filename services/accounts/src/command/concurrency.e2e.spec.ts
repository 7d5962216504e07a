import * as grpc from '@grpc/grpc-js';
import { accountDecider, type AccountEvent } from '@ledgerline/accounts-domain';
import { fold } from '@ledgerline/domain';
import { RpcError } from '@ledgerline/grpc';
import {
  type AccountsService,
  newId,
  openAccount,
  startAccountsService,
  usd,
} from '../fixtures/accounts-service';

// Many callers on one account at once: the command loop's expected-version check must keep every
// decision on the state it was made on, so reservations can never add up to more than the balance.

let service: AccountsService;

beforeAll(async () => {
  service = await startAccountsService();
});
afterAll(() => service.stop());

type Outcome = 'reserved' | 'rejected';

/**
 * ABORTED means the loop lost the race to other writers on every retry and wrote nothing; the
 * caller retries with the same idempotency key, as the proto tells clients to.
 */
const untilDecided = async <T>(call: () => Promise<T>): Promise<T | RpcError> => {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof RpcError)) throw error;
      if (error.code !== grpc.status.ABORTED) return error;
    }
  }
};

const stateOf = async (streamId: string) => {
  const events = await service.store.readStream(streamId);
  return { events, state: fold(accountDecider, events as unknown as AccountEvent[]) };
};

describe('concurrent commands on one account', () => {
  it('never over-reserves under 50 concurrent ReserveFunds', async () => {
    const balance = 1_000;
    const { accountId, streamId } = await openAccount(service.client, { balance });

    const outcomes = await Promise.all(
      Array.from({ length: 50 }, async (_, i): Promise<Outcome> => {
        const request = {
          accountId,
          reservationId: newId(),
          amount: usd(40 + (i % 5) * 10), // 40..80: 50 requests ask for 3,000 in all
          idempotencyKey: newId(),
        };
        const result = await untilDecided(() => service.client.reserveFunds(request));
        if (!(result instanceof RpcError)) return 'reserved';
        expect(result.code).toBe(grpc.status.FAILED_PRECONDITION);
        return 'rejected';
      }),
    );

    const reservedCalls = outcomes.filter((o) => o === 'reserved').length;
    const rejectedCalls = outcomes.filter((o) => o === 'rejected').length;
    const { events, state } = await stateOf(streamId);
    const reservations = events.filter((e) => e.type === 'FundsReserved');
    const rejections = events.filter((e) => e.type === 'FundsReservationRejected');
    const reservedSum = reservations.reduce(
      (sum, e) => sum + (e.data as { amount: number }).amount,
      0,
    );

    expect(reservedCalls + rejectedCalls).toBe(50);
    expect(reservations).toHaveLength(reservedCalls);
    expect(rejections).toHaveLength(rejectedCalls);
    expect(reservedCalls).toBeGreaterThan(0);
    expect(rejectedCalls).toBeGreaterThan(0);
    expect(reservedSum).toBeLessThanOrEqual(balance);
    expect(state).toMatchObject({ status: 'open', balance, reserved: reservedSum });
    // Each rejection saw less available than it asked for, so none was refused needlessly.
    for (const rejection of rejections) {
      const { requested, available } = rejection.data as { requested: number; available: number };
      expect(available).toBeLessThan(requested);
    }
  });

  it('applies 10 concurrent calls with one idempotency key once', async () => {
    const { accountId, streamId } = await openAccount(service.client);
    const request = { accountId, amount: usd(5), idempotencyKey: newId() };

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => untilDecided(() => service.client.depositFunds(request))),
    );

    const receipts = responses.map((response) => {
      if (response instanceof RpcError) throw response;
      return response.receipt;
    });
    expect(receipts.filter((r) => r?.replayed === false)).toHaveLength(1);
    expect(new Set(receipts.map((r) => `${r?.streamVersion}@${r?.globalPosition}`))).toEqual(
      new Set([`2@${receipts[0]?.globalPosition}`]),
    );
    const { events, state } = await stateOf(streamId);
    expect(events.map((e) => e.type)).toEqual(['AccountOpened', 'FundsDeposited']);
    expect(state).toMatchObject({ balance: 5 });
  });
});
