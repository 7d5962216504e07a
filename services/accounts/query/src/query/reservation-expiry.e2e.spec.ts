import { eventually } from '@ledgerline/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the accounts command service's e2e helpers (an application: no alias)
import { newId, usd } from '../../../src/fixtures/accounts-service';
import {
  type AccountsQueryPlatform,
  startAccountsQueryPlatform,
} from '../fixtures/accounts-query-platform';

// A reservation that expires, seen where customers see their money: the command service's
// expiry worker releases it, and GetBalance shows the money available again.

let platform: AccountsQueryPlatform;

beforeAll(async () => {
  platform = await startAccountsQueryPlatform({ RESERVATION_EXPIRY_INTERVAL_MS: '200' });
}, 60_000);
afterAll(() => platform?.stop(), 30_000);

const balanceOf = async (accountId: string) => {
  const { availableMinor, reservedMinor } = await platform.client.getBalance({ accountId });
  return { available: String(availableMinor), reserved: String(reservedMinor) };
};

describe('GetBalance of an account with an expiring reservation', () => {
  it('shows the money held, then available again once the reservation expired', async () => {
    const accountId = newId();
    await platform.commands.openAccount({
      accountId,
      ownerId: newId(),
      kind: 'ACCOUNT_KIND_CUSTOMER',
      currency: 'USD',
    });
    await platform.commands.depositFunds({ accountId, amount: usd(1_000) });
    await platform.commands.reserveFunds({
      accountId,
      reservationId: newId(),
      amount: usd(600),
      ttlMs: '4000',
    });
    await eventually(async () =>
      expect(await balanceOf(accountId)).toEqual({ available: '400', reserved: '600' }),
    );
    await eventually(async () =>
      expect(await balanceOf(accountId)).toEqual({ available: '1000', reserved: '0' }),
    );
    await eventually(async () => {
      const { transactions } = await platform.client.listTransactions({ accountId });
      expect(transactions.map((transaction) => transaction.type)).toContain('ReservationExpired');
    });
  }, 60_000);
});
