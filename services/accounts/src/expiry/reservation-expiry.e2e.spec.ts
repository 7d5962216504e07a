import * as grpc from '@grpc/grpc-js';
import { PostgresEventStore } from '@ledgerline/event-store';
import { createLogger } from '@ledgerline/logging';
import { findDetail } from '@ledgerline/proto';
import { eventually } from '@ledgerline/testing';
import { accountCommands } from '../command/account-commands';
import {
  type AccountsService,
  expectInvalidField,
  failure,
  newId,
  openAccount,
  startAccountsService,
  usd,
} from '../fixtures/accounts-service';
import { expireDueReservation } from './expire-command';
import { type ExpiryWorker, startExpiryWorker } from './expiry-worker';

// Reservations that expire, against the real PostgreSQL: the domain refuses a late capture, the
// platform's worker releases what is due from the durable deadline table, once, whoever races it.

const DEFAULT_TTL_MS = 60_000;
/** Rounds run only when a test asks (runOnce), so each test decides when the platform acts. */
const MANUAL = { RELAY_ENABLED: 'false', RESERVATION_EXPIRY_INTERVAL_MS: '3600000' };

let service: AccountsService;

beforeAll(async () => {
  service = await startAccountsService({ ...MANUAL, RESERVATION_TTL_MS: String(DEFAULT_TTL_MS) });
});
afterAll(() => service?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ruleOf = (error: { errorDetails: Parameters<typeof findDetail>[0] }) =>
  findDetail(error.errorDetails, 'PreconditionFailure')?.violations[0]?.subject;
const typesOf = async (streamId: string, reservationId: string) =>
  (await service.store.readStream(streamId))
    .filter((event) => (event.data as { reservationId?: string }).reservationId === reservationId)
    .map((event) => event.type);
const deadlineRows = async (streamId: string) =>
  (
    await service.pool.query(
      `SELECT reservation_id FROM "${service.schema}".reservation_deadlines WHERE stream_id = $1`,
      [streamId],
    )
  ).rowCount;

/** The service's own worker, or one over another store object: a second replica's. */
const workerOn = (store: PostgresEventStore, clock?: () => Date): ExpiryWorker => {
  const logger = createLogger({ service: 'accounts-expiry-test', level: 'warn' });
  const run = accountCommands({ store, logger, snapshotEvery: 200 });
  return startExpiryWorker({
    pool: service.pool,
    schema: service.schema,
    logger,
    intervalMs: 3_600_000,
    batchSize: 100,
    expire: expireDueReservation(run),
    ...(clock && { clock }),
  });
};

const reserve = async (accountId: string, amount: number, ttlMs?: number) => {
  const reservationId = newId();
  await service.client.reserveFunds({
    accountId,
    reservationId,
    amount: usd(amount),
    ...(ttlMs !== undefined && { ttlMs: String(ttlMs) }),
  });
  return reservationId;
};

describe('a reservation with a short expiry', () => {
  it('holds the money until it expires, then refuses a capture and the platform releases it', async () => {
    const { accountId, streamId } = await openAccount(service.client, { balance: 1_000 });
    const reservationId = await reserve(accountId, 600, 300);
    const held = await failure(service.client.withdrawFunds({ accountId, amount: usd(500) }));
    expect(ruleOf(held)).toBe('insufficient-funds');

    await sleep(400);
    const late = await failure(service.client.captureReservation({ accountId, reservationId }));
    expect({ code: late.code, rule: ruleOf(late) }).toEqual({
      code: grpc.status.FAILED_PRECONDITION,
      rule: 'reservation-expired',
    });

    const worker = workerOn(service.store);
    const round = await worker.runOnce();
    await worker.stop();
    expect(round.expired).toBeGreaterThanOrEqual(1);
    expect(await typesOf(streamId, reservationId)).toEqual(['FundsReserved', 'ReservationExpired']);
    expect(await deadlineRows(streamId)).toBe(0);

    const settled = await failure(service.client.captureReservation({ accountId, reservationId }));
    expect(ruleOf(settled)).toBe('reservation-already-settled');
    // All of the balance is available again.
    await service.client.withdrawFunds({ accountId, amount: usd(1_000) });
  });

  it('takes the service default when the request names no ttl_ms, and is not released before', async () => {
    const { accountId, streamId } = await openAccount(service.client, { balance: 100 });
    const reservationId = await reserve(accountId, 100);
    const [reserved] = (await service.store.readStream(streamId)).filter(
      (event) => event.type === 'FundsReserved',
    );
    const { at, expiresAt } = reserved?.data as { at: string; expiresAt: string };
    expect(Date.parse(expiresAt) - Date.parse(at)).toBe(DEFAULT_TTL_MS);

    const worker = workerOn(service.store);
    await worker.runOnce();
    await worker.stop();
    expect(await typesOf(streamId, reservationId)).toEqual(['FundsReserved']);
    expect(await deadlineRows(streamId)).toBe(1);
    await service.client.captureReservation({ accountId, reservationId });
    expect(await deadlineRows(streamId)).toBe(0);
  });
});

describe('a reservation with a malformed ttl_ms', () => {
  it.each(['-1', String(367 * 86_400_000)])('is refused naming the field: %s', async (ttlMs) => {
    const { accountId, streamId } = await openAccount(service.client, { balance: 100 });
    const reservationId = newId();
    expectInvalidField(
      await failure(
        service.client.reserveFunds({ accountId, reservationId, amount: usd(1), ttlMs }),
      ),
      'ttlMs',
    );
    expect(await typesOf(streamId, reservationId)).toEqual([]);
  });
});

describe('two replicas expiring at once', () => {
  it('release each reservation once', async () => {
    const { accountId, streamId } = await openAccount(service.client, { balance: 1_000 });
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push(await reserve(accountId, 100, 200));
    await sleep(300);

    const replicas = [
      workerOn(service.store),
      workerOn(new PostgresEventStore({ pool: service.pool, schema: service.schema })),
    ];
    await Promise.all(replicas.map((replica) => replica.runOnce()));
    await Promise.all(replicas.map((replica) => replica.stop()));

    for (const id of ids)
      expect(await typesOf(streamId, id)).toEqual(['FundsReserved', 'ReservationExpired']);
    await service.client.withdrawFunds({ accountId, amount: usd(1_000) });
  });

  it('let a capture racing the expiry settle each reservation once, one way or the other', async () => {
    const { accountId, streamId } = await openAccount(service.client, { balance: 1_000 });
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push(await reserve(accountId, 100, 30_000));
    // The other replica's clock runs a minute ahead: to it every reservation is due now, while
    // the captures (on this service's clock) are still in time.
    const ahead = workerOn(
      new PostgresEventStore({ pool: service.pool, schema: service.schema }),
      () => new Date(Date.now() + 60_000),
    );
    const captures = ids.map((reservationId) =>
      service.client.captureReservation({ accountId, reservationId }).then(
        () => 'captured',
        (error: unknown) => error,
      ),
    );
    const round = ahead.runOnce();
    await Promise.all([round, ...captures]);
    await ahead.stop();

    let captured = 0;
    for (const id of ids) {
      const [reserved, settled, ...more] = await typesOf(streamId, id);
      expect({ reserved, more }).toEqual({ reserved: 'FundsReserved', more: [] });
      expect(['ReservationCaptured', 'ReservationExpired']).toContain(settled);
      if (settled === 'ReservationCaptured') captured++;
    }
    // What was captured left the balance; what expired is available again.
    const available = 1_000 - 100 * captured;
    if (available > 0) await service.client.withdrawFunds({ accountId, amount: usd(available) });
    const overdrawn = await failure(service.client.withdrawFunds({ accountId, amount: usd(1) }));
    expect(ruleOf(overdrawn)).toBe('insufficient-funds');
  });
});

describe('after a restart of the accounts service', () => {
  it('still releases a reservation that expires while it is down', async () => {
    const { accountId, streamId } = await openAccount(service.client, { balance: 500 });
    const reservationId = await reserve(accountId, 500, 1_000);

    // Nothing in the first process's memory survives; the deadline is in PostgreSQL.
    await service.restart({ RELAY_ENABLED: 'false', RESERVATION_EXPIRY_INTERVAL_MS: '100' });
    await eventually(
      async () =>
        expect(await typesOf(streamId, reservationId)).toEqual([
          'FundsReserved',
          'ReservationExpired',
        ]),
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    await service.client.withdrawFunds({ accountId, amount: usd(500) });
  }, 30_000);
});
