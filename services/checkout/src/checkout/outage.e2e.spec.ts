import { eventually, type TestProcess } from '@ledgerline/testing';
import { readModelsShow, sagaReaches } from '../fixtures/expectations';
import { type Platform, startPlatform } from '../fixtures/platform';

let platform: Platform;
let checkout: TestProcess | undefined;

beforeAll(async () => {
  platform = await startPlatform();
}, 60_000);
afterEach(async () => {
  await checkout?.kill('SIGTERM');
  checkout = undefined;
  await platform.restartService('accounts');
});
afterAll(() => platform?.stop(), 60_000);

const commandOf = async (orderId: string, step: string) =>
  (await platform.operator.show(orderId)).commands.find((c) => c.step === step);

describe('the accounts service down', () => {
  it('for a while: the checkout retries the reservation and completes when it returns', async () => {
    checkout = await platform.startCheckout();
    const customer = await platform.openAccount('CUSTOMER', 10_000);
    const merchant = await platform.openAccount('MERCHANT', 0);
    await platform.stopService('accounts');

    const orderId = await platform.placeOrder(customer, merchant, 4_000);
    await eventually(async () =>
      expect((await commandOf(orderId, 'reserve-funds'))?.attempts).toBeGreaterThanOrEqual(2),
    );
    expect((await platform.operator.show(orderId)).status).toBe('running');
    await platform.restartService('accounts');

    const saga = await sagaReaches(platform, orderId, 'completed', 30_000);
    await readModelsShow(platform, {
      orderId,
      paymentId: saga.state.facts.paymentId,
      order: 'confirmed',
      payment: 'captured',
      balances: {
        [customer]: { balance: 6_000, reserved: 0 },
        [merchant]: { balance: 4_000, reserved: 0 },
      },
    });
  });

  it('past the payment deadline: the checkout fails the payment and cancels the order, and releases once accounts return', async () => {
    checkout = await platform.startCheckout({
      CHECKOUT_PAYMENT_TIMEOUT_MS: '1500',
      SAGA_COMPENSATION_ATTEMPTS: '200',
    });
    const customer = await platform.openAccount('CUSTOMER', 10_000);
    const merchant = await platform.openAccount('MERCHANT', 0);
    await platform.stopService('accounts');

    const orderId = await platform.placeOrder(customer, merchant, 4_000);
    const timedOut = await sagaReaches(platform, orderId, 'compensating', 15_000);
    expect(timedOut.state.reason).toBe('payment not completed in time');
    await readModelsShow(platform, {
      orderId,
      paymentId: timedOut.state.facts.paymentId,
      order: 'cancelled',
      payment: 'failed',
      balances: {},
    });
    expect((await commandOf(orderId, 'reserve-funds'))?.status).toBe('superseded');
    expect((await commandOf(orderId, 'release-reservation'))?.status).toBe('pending');

    await platform.restartService('accounts');
    await sagaReaches(platform, orderId, 'compensated', 30_000);
    await readModelsShow(platform, {
      orderId,
      paymentId: timedOut.state.facts.paymentId,
      order: 'cancelled',
      payment: 'failed',
      balances: {
        [customer]: { balance: 10_000, reserved: 0 },
        [merchant]: { balance: 0, reserved: 0 },
      },
    });
  });

  it('longer than the compensation retries: compensation_failed, counted by the alert gauge, until an operator retries', async () => {
    const metricsPort = 20_000 + Math.floor(Math.random() * 30_000);
    checkout = await platform.startCheckout({
      CHECKOUT_PAYMENT_TIMEOUT_MS: '1000',
      SAGA_COMPENSATION_ATTEMPTS: '3',
      SAGA_RETRY_BASE_MS: '300',
      METRICS_PORT: String(metricsPort),
    });
    const customer = await platform.openAccount('CUSTOMER', 10_000);
    const merchant = await platform.openAccount('MERCHANT', 0);
    await platform.stopService('accounts');

    const orderId = await platform.placeOrder(customer, merchant, 4_000);
    await sagaReaches(platform, orderId, 'compensation_failed', 15_000);
    expect(
      (await platform.operator.list({ status: 'compensation_failed' })).map((s) => s.sagaId),
    ).toEqual([orderId]);
    const release = await commandOf(orderId, 'release-reservation');
    expect([release?.status, release?.attempts]).toEqual(['failed', 3]);
    const scraped = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(scraped).toMatch(/^ledgerline_sagas_compensation_failed(\{[^}]*\})? 1$/m);

    await platform.restartService('accounts');
    expect(await platform.operator.retry(orderId)).toEqual({
      sagaId: orderId,
      steps: ['release-reservation'],
      status: 'compensating',
    });
    // The saga's channel to accounts may still be backing off its reconnect: an operator retries
    // again while it says compensation_failed.
    await eventually(
      async () => {
        const { status } = await platform.operator.show(orderId);
        if (status === 'compensation_failed') await platform.operator.retry(orderId);
        expect(status).toBe('compensated');
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    const saga = await sagaReaches(platform, orderId, 'compensated', 15_000);
    await readModelsShow(platform, {
      orderId,
      paymentId: saga.state.facts.paymentId,
      order: 'cancelled',
      payment: 'failed',
      balances: {
        [customer]: { balance: 10_000, reserved: 0 },
        [merchant]: { balance: 0, reserved: 0 },
      },
    });
  });
});
