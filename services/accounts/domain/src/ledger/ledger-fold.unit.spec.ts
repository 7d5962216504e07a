import { type CurrencyCode } from '@ledgerline/domain';
import type { AccountEvent } from '../events';
import { LedgerFold } from './ledger-fold';

const currency = 'EUR' as CurrencyCode;
const at = '2026-12-01T09:00:00.000Z';
const customer = '0f8fad5b-d9cb-469f-a165-70867728950e';
const merchant = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const money = (accountId: string, amount: number, balance: number, reserved = 0) => ({
  accountId,
  amount,
  currency,
  balance,
  reserved,
  at,
});
const opened = (accountId: string): AccountEvent => ({
  type: 'AccountOpened',
  data: { accountId, ownerId: 'o', kind: 'customer', currency, at },
});

/** Folds the events of each account in order, versions counted per account. */
const given = (...events: AccountEvent[]) => {
  const fold = new LedgerFold();
  const versions = new Map<string, number>();
  events.forEach((event, index) => {
    const version = (versions.get(event.data.accountId) ?? 0) + 1;
    versions.set(event.data.accountId, version);
    fold.apply(event, {
      eventId: `e${index + 1}`,
      streamVersion: version,
      globalPosition: index + 1,
    });
  });
  return fold;
};

describe('the ledger fold', () => {
  it('posts deposits and withdrawals against the currency’s deposits account', () => {
    const fold = given(
      opened(customer),
      { type: 'FundsDeposited', data: { ...money(customer, 500, 500), reference: null } },
      { type: 'FundsWithdrawn', data: { ...money(customer, 200, 300), reference: null } },
    );
    expect(fold.externalAccounts()).toEqual([{ kind: 'deposits', currency, balance: -300 }]);
    expect(fold.zeroSums()).toEqual([{ currency, accounts: 300, external: -300, total: 0 }]);
    expect(fold.breaks.count).toBe(0);
  });

  it('holds a settlement in clearing between the capture and the merchant’s credit', () => {
    const reservation = { reservationId: 'r-1' };
    const fold = given(
      opened(customer),
      opened(merchant),
      { type: 'FundsDeposited', data: { ...money(customer, 500, 500), reference: null } },
      { type: 'FundsReserved', data: { ...money(customer, 120, 500, 120), ...reservation } },
      { type: 'ReservationCaptured', data: { ...money(customer, 120, 380, 0), ...reservation } },
    );
    expect(fold.externalAccounts()).toContainEqual({ kind: 'clearing', currency, balance: 120 });
    expect(fold.zeroSums()[0]?.total).toBe(0);
    expect(fold.account(customer)).toMatchObject({ balance: 380, reserved: 0, captured: 120 });
    fold.apply(
      { type: 'FundsCredited', data: { ...money(merchant, 120, 120), reference: 'pay' } },
      { eventId: 'e6', streamVersion: 2, globalPosition: 6 },
    );
    expect(fold.externalAccounts()).toContainEqual({ kind: 'clearing', currency, balance: 0 });
    expect(fold.zeroSums()).toEqual([{ currency, accounts: 500, external: -500, total: 0 }]);
  });

  it('nets a transfer’s two legs to nothing in clearing', () => {
    // given
    const leg = { transferId: 't-1', reference: null };
    // when
    const fold = given(
      opened(customer),
      opened(merchant),
      { type: 'FundsDeposited', data: { ...money(customer, 500, 500), reference: null } },
      {
        type: 'FundsTransferredOut',
        data: { ...money(customer, 200, 300), ...leg, counterpartyAccountId: merchant },
      },
      {
        type: 'FundsTransferredIn',
        data: { ...money(merchant, 200, 200), ...leg, counterpartyAccountId: customer },
      },
    );
    // then
    expect(fold.externalAccounts()).toContainEqual({ kind: 'clearing', currency, balance: 0 });
    expect(fold.zeroSums()).toEqual([{ currency, accounts: 500, external: -500, total: 0 }]);
    expect(fold.account(merchant)).toMatchObject({ balance: 200, reserved: 0 });
    expect(fold.breaks.count).toBe(0);
  });

  it('names the first event whose recorded balance the amounts before it do not give', () => {
    const fold = given(
      opened(customer),
      { type: 'FundsDeposited', data: { ...money(customer, 500, 500), reference: null } },
      { type: 'FundsDeposited', data: { ...money(customer, 100, 650), reference: null } },
      { type: 'FundsWithdrawn', data: { ...money(customer, 10, 1), reference: null } },
    );
    expect(fold.breaks.count).toBe(2);
    expect(fold.breaks.first).toMatchObject({
      kind: 'recorded-balance',
      accountId: customer,
      eventId: 'e3',
      streamVersion: 3,
    });
  });

  it('flags money on an account that was never opened', () => {
    const fold = given({
      type: 'FundsDeposited',
      data: { ...money(customer, 5, 5), reference: null },
    });
    expect(fold.breaks.first).toMatchObject({ kind: 'no-opening', accountId: customer });
  });
});
