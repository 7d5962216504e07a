import { createClient } from '@ledgerline/grpc';
import { loadPackage } from '@ledgerline/proto';
import { type TestProcess } from '@ledgerline/testing';
import { eventsPerStep, readModelsShow, sagaReaches } from '../fixtures/expectations';
import { type Platform, startPlatform } from '../fixtures/platform';

let platform: Platform;
let checkout: TestProcess;

beforeAll(async () => {
  platform = await startPlatform();
  checkout = await platform.startCheckout();
}, 60_000);
afterAll(() => platform?.stop(), 60_000);

describe('a checkout', () => {
  it('with enough funds: pays the merchant, captures the payment and confirms the order', async () => {
    const customer = await platform.openAccount('CUSTOMER', 10_000);
    const merchant = await platform.openAccount('MERCHANT', 0);
    const orderId = await platform.placeOrder(customer, merchant, 2_500);

    const saga = await sagaReaches(platform, orderId, 'completed');
    const { order, payment } = await readModelsShow(platform, {
      orderId,
      paymentId: saga.state.facts.paymentId,
      order: 'confirmed',
      payment: 'captured',
      balances: {
        [customer]: { balance: 7_500, reserved: 0 },
        [merchant]: { balance: 2_500, reserved: 0 },
      },
    });
    expect(order.paymentId).toBe(saga.state.facts.paymentId);
    expect(payment?.reservationId).toBe(saga.state.facts.reservationId);
    expect(await eventsPerStep(platform, orderId)).toEqual({
      'create-payment': 1,
      'reserve-funds': 1,
      'authorize-payment': 1,
      'capture-reservation': 1,
      'credit-merchant': 1,
      'capture-payment': 1,
      'confirm-order': 1,
    });
  });

  it('with insufficient funds: fails the payment and cancels the order, moving no money', async () => {
    const customer = await platform.openAccount('CUSTOMER', 1_000);
    const merchant = await platform.openAccount('MERCHANT', 0);
    const orderId = await platform.placeOrder(customer, merchant, 2_500);

    const saga = await sagaReaches(platform, orderId, 'compensated');
    expect(saga.state.reason).toBe('insufficient funds');
    const { order, payment } = await readModelsShow(platform, {
      orderId,
      paymentId: saga.state.facts.paymentId,
      order: 'cancelled',
      payment: 'failed',
      balances: {
        [customer]: { balance: 1_000, reserved: 0 },
        [merchant]: { balance: 0, reserved: 0 },
      },
    });
    expect(order.cancelReason).toBe('insufficient funds');
    expect(payment?.failureReason).toBe('insufficient funds');
    const events = await platform.accountEvents(customer);
    expect(events.map((e) => e.type)).toContain('FundsReservationRejected');
  });

  it('cancelled after capture: refunds the payment, debits the merchant and credits the customer', async () => {
    const customer = await platform.openAccount('CUSTOMER', 5_000);
    const merchant = await platform.openAccount('MERCHANT', 0);
    const orderId = await platform.placeOrder(customer, merchant, 1_200);
    const saga = await sagaReaches(platform, orderId, 'completed');
    await readModelsShow(platform, {
      orderId,
      paymentId: saga.state.facts.paymentId,
      order: 'confirmed',
      payment: 'captured',
      balances: {
        [customer]: { balance: 3_800, reserved: 0 },
        [merchant]: { balance: 1_200, reserved: 0 },
      },
    });

    await platform.clients.orders.cancelOrder({ orderId, reason: 'customer returned the mug' });

    const refunded = await sagaReaches(platform, orderId, 'compensated');
    expect(refunded.state.phase).toBe('refunded');
    await readModelsShow(platform, {
      orderId,
      paymentId: saga.state.facts.paymentId,
      order: 'cancelled',
      payment: 'refunded',
      balances: {
        [customer]: { balance: 5_000, reserved: 0 },
        [merchant]: { balance: 0, reserved: 0 },
      },
    });
  });

  it('is listed, shown with its history and retried through the admin RPC', async () => {
    const customer = await platform.openAccount('CUSTOMER', 500);
    const merchant = await platform.openAccount('MERCHANT', 0);
    const orderId = await platform.placeOrder(customer, merchant, 800);
    await sagaReaches(platform, orderId, 'compensated');

    const port = Number(
      /"port":(\d+)/.exec(await checkout.waitForOutput(/gRPC server listening/))?.[1],
    );
    const { SagaAdminService } = loadPackage(['ledgerline/sagas/v1/sagas_admin.proto']).ledgerline
      .sagas.v1;
    const admin = createClient(SagaAdminService, `127.0.0.1:${port}`, { retries: 0 });
    const call = <Req, Res>(method: 'ListSagas' | 'GetSaga' | 'RetrySaga', request: Req) =>
      new Promise<Res>((resolve, reject) =>
        (
          admin[method] as unknown as (r: Req, cb: (e: Error | null, res: Res) => void) => void
        ).call(admin, request, (error, response) => (error ? reject(error) : resolve(response))),
      );
    try {
      const listed = await call<object, { sagas: { sagaId: string; status: string }[] }>(
        'ListSagas',
        {
          status: 'compensated',
        },
      );
      expect(listed.sagas.map((s) => s.sagaId)).toContain(orderId);
      expect(new Set(listed.sagas.map((s) => s.status))).toEqual(new Set(['compensated']));

      const shown = await call<
        object,
        {
          history: { inputId: string; status: string }[];
          commands: { step: string; status: string }[];
        }
      >('GetSaga', { sagaId: orderId });
      // Then, ignored but kept, the order's own OrderCancelled coming back from Kafka.
      expect(shown.history.slice(0, 5).map((h) => h.inputId.split(':')[0])).toEqual([
        'event',
        'reply',
        'reply',
        'reply',
        'reply',
      ]);
      expect(shown.commands.map((c) => [c.step, c.status])).toEqual([
        ['create-payment', 'done'],
        ['reserve-funds', 'rejected'],
        ['cancel-order', 'done'],
        ['fail-payment', 'done'],
      ]);
      const retried = await call<object, { steps: string[]; status: string }>('RetrySaga', {
        sagaId: orderId,
      });
      expect(retried).toEqual({ steps: [], status: 'compensated' });
      await expect(call('GetSaga', { sagaId: 'no-such-saga' })).rejects.toThrow(/NOT_FOUND/);
      await expect(call('ListSagas', { status: 'lost' })).rejects.toThrow(
        /INVALID_ARGUMENT: status/,
      );
      // A NUL would fail inside PostgreSQL (INTERNAL); it is the caller's mistake.
      await expect(call('GetSaga', { sagaId: `${orderId}\u0000` })).rejects.toThrow(
        /INVALID_ARGUMENT: sagaId: must not contain control characters/,
      );
      await expect(call('ListSagas', { type: 'checkout\u0000' })).rejects.toThrow(
        /INVALID_ARGUMENT: type: must not contain control characters/,
      );
    } finally {
      admin.close();
    }
  });
});
