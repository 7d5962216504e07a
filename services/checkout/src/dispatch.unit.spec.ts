import { type CheckoutCommand } from '@ledgerline/checkout-domain';
import { type CheckoutClients, dispatchCheckoutCommand } from './dispatch';

// What the checkout asks accounts for when it reserves: the request as it leaves the saga.

const reserve: CheckoutCommand = {
  step: 'reserve-funds',
  type: 'ReserveFunds',
  accountId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  reservationId: '01HZX3V9Q8W5T6Y7M8N9P0RAAA',
  amount: 250,
  currency: 'EUR',
};
const meta = {
  idempotencyKey: 'saga:checkout:1:reserve-funds',
  correlationId: 'c-1',
  causationId: 'c-1',
  sendBy: new Date(Date.now() + 60_000),
};

const reservationRequestOf = async (options?: { reservationTtlMs?: number }) => {
  const sent: unknown[] = [];
  const accounts = {
    reserveFunds: (request: unknown) => {
      sent.push(request);
      return Promise.resolve({ receipt: null });
    },
  };
  const clients = { accounts } as unknown as CheckoutClients;
  await dispatchCheckoutCommand(clients, 3_000, options)(reserve, meta);
  return sent[0];
};

describe('the checkout reservation', () => {
  it('holds for the time it is given: past the payment deadline, not for ever', async () => {
    expect(await reservationRequestOf({ reservationTtlMs: 930_000 })).toEqual({
      accountId: reserve.accountId,
      reservationId: '01HZX3V9Q8W5T6Y7M8N9P0RAAA',
      amount: { amountMinor: '250', currency: 'EUR' },
      ttlMs: '930000',
    });
  });

  it('leaves the expiry to the accounts default when given none', async () => {
    expect(await reservationRequestOf()).not.toHaveProperty('ttlMs');
  });
});
