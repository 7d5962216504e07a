import { uniqueName } from '@ledgerline/testing';
import { eventsPerStep, readModelsShow, sagaReaches } from '../fixtures/expectations';
import { type Platform, startPlatform } from '../fixtures/platform';

// The checkout process SIGKILLs itself at one step, at one of the two points where a crash can
// lose or repeat work: after the saga's state and outbox committed but before the command went
// out, and after the command reached its service but before its outcome was recorded. A fresh
// process (in a fresh consumer group, so it also re-reads every order event) must finish the
// checkout with every step applied exactly once and the money where it belongs.

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
}, 60_000);
afterAll(() => platform?.stop(), 60_000);

const POINTS = ['after-commit-before-send', 'after-send-before-reply'] as const;
const HAPPY_STEPS = [
  'create-payment',
  'reserve-funds',
  'authorize-payment',
  'capture-reservation',
  'credit-merchant',
  'capture-payment',
  'confirm-order',
];
const REJECTED_STEPS = ['reserve-funds', 'fail-payment', 'cancel-order'];

const crashAndRestart = async (point: string, step: string, deposit: number) => {
  const customer = await platform.openAccount('CUSTOMER', deposit);
  const merchant = await platform.openAccount('MERCHANT', 0);
  const crashing = await platform.startCheckout({
    SAGA_CRASH_AT: point,
    SAGA_CRASH_STEP: step,
    SAGA_CONSUMER_GROUP: uniqueName('crash'),
  });
  const orderId = await platform.placeOrder(customer, merchant, 2_500);
  expect(await crashing.exited).toBe('SIGKILL');
  const restarted = await platform.startCheckout({ SAGA_CONSUMER_GROUP: uniqueName('restart') });
  return { customer, merchant, orderId, restarted };
};

describe.each(POINTS)('a checkout killed %s', (point) => {
  it.each(HAPPY_STEPS)(
    'at %s completes once the process restarts, every step applied once',
    async (step) => {
      const { customer, merchant, orderId, restarted } = await crashAndRestart(point, step, 10_000);
      try {
        const saga = await sagaReaches(platform, orderId, 'completed');
        await readModelsShow(platform, {
          orderId,
          paymentId: saga.state.facts.paymentId,
          order: 'confirmed',
          payment: 'captured',
          balances: {
            [customer]: { balance: 7_500, reserved: 0 },
            [merchant]: { balance: 2_500, reserved: 0 },
          },
        });
        expect(Object.values(await eventsPerStep(platform, orderId))).toEqual(Array(7).fill(1));
      } finally {
        await restarted.kill('SIGTERM');
      }
    },
  );

  it.each(REJECTED_STEPS)(
    'at %s of a refused reservation compensates once the process restarts',
    async (step) => {
      const { customer, merchant, orderId, restarted } = await crashAndRestart(point, step, 1_000);
      try {
        const saga = await sagaReaches(platform, orderId, 'compensated');
        expect(saga.state.reason).toBe('insufficient funds');
        await readModelsShow(platform, {
          orderId,
          paymentId: saga.state.facts.paymentId,
          order: 'cancelled',
          payment: 'failed',
          balances: {
            [customer]: { balance: 1_000, reserved: 0 },
            [merchant]: { balance: 0, reserved: 0 },
          },
        });
        const applied = await eventsPerStep(platform, orderId);
        // The refused reservation is recorded once (FundsReservationRejected), whatever the re-sends.
        expect(applied).toEqual({
          'create-payment': 1,
          'reserve-funds': 1,
          'fail-payment': 1,
          'cancel-order': 1,
        });
      } finally {
        await restarted.kill('SIGTERM');
      }
    },
  );
});
