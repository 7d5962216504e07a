import { type AccountEvent } from '@ledgerline/accounts-domain';
import { type CurrencyCode } from '@ledgerline/domain';
import { balanceChange } from './balance-change';

const accountId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const currency = 'USD' as CurrencyCode;
const at = '2025-03-01T12:00:00.000Z';

const given = (event: AccountEvent, streamVersion = 4) => ({
  then: (expected: ReturnType<typeof balanceChange>) =>
    expect(balanceChange(event, streamVersion)).toEqual(expected),
});

describe('balance row changes', () => {
  it('opens a row at the opening event’s version', () =>
    given(
      {
        type: 'AccountOpened',
        data: { accountId, ownerId: 'owner-1', kind: 'merchant', currency, at },
      },
      1,
    ).then({
      kind: 'insert',
      row: { accountId, ownerId: 'owner-1', kind: 'merchant', currency, streamVersion: 1, at },
    }));

  it('copies the balances a money event carries instead of adding its amount', () =>
    given({
      type: 'ReservationCaptured',
      data: {
        accountId,
        reservationId: 'r-1',
        amount: 250,
        currency,
        balance: 750,
        reserved: 100,
        at,
      },
    }).then({ kind: 'update', update: { accountId, balance: 750, reserved: 100, at } }));

  it.each(['FundsTransferredOut', 'FundsTransferredIn'] as const)(
    'copies the balances of each leg of a transfer (%s)',
    (type) =>
      given({
        type,
        data: {
          accountId,
          transferId: 't-1',
          counterpartyAccountId: 'other',
          reference: null,
          amount: 250,
          currency,
          balance: 750,
          reserved: 100,
          at,
        },
      }).then({ kind: 'update', update: { accountId, balance: 750, reserved: 100, at } }),
  );

  it('touches only the version and time for a rejected reservation', () =>
    given({
      type: 'FundsReservationRejected',
      data: {
        accountId,
        reservationId: 'r-2',
        requested: 9_000,
        available: 10,
        currency,
        reason: 'insufficient-funds',
        at,
      },
    }).then({ kind: 'update', update: { accountId, at } }));

  it('records the freeze reason and clears it on unfreeze and close', () => {
    given({ type: 'AccountFrozen', data: { accountId, reason: 'fraud review', at } }).then({
      kind: 'update',
      update: { accountId, status: { value: 'frozen', frozenReason: 'fraud review' }, at },
    });
    given({ type: 'AccountUnfrozen', data: { accountId, at } }).then({
      kind: 'update',
      update: { accountId, status: { value: 'open', frozenReason: null }, at },
    });
    given({ type: 'AccountClosed', data: { accountId, at } }).then({
      kind: 'update',
      update: { accountId, status: { value: 'closed', frozenReason: null }, at },
    });
  });
});
