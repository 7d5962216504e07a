import { type AccountEvent } from '@ledgerline/accounts-domain';
import { type CurrencyCode } from '@ledgerline/domain';
import { type TransactionRow, transactionRow } from './transaction-row';

const accountId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const currency = 'USD' as CurrencyCode;
const at = '2025-03-01T12:00:00.000Z';
const facts = { eventId: 'e-7', streamVersion: 7 };

const given = (event: AccountEvent) => ({
  then: (expected: Partial<TransactionRow> | null) =>
    expected === null
      ? expect(transactionRow(event, facts)).toBeNull()
      : expect(transactionRow(event, facts)).toEqual({
          eventId: 'e-7',
          accountId,
          streamVersion: 7,
          type: event.type,
          currency,
          reference: null,
          reservationId: null,
          at,
          ...expected,
        }),
});

const movement = { accountId, amount: 300, currency, balance: 1_000, reserved: 200, at };
const hold = { ...movement, reservationId: 'r-1' };

describe('history rows', () => {
  it('signs money in positive and money out negative, keeping the reference', () => {
    given({ type: 'FundsDeposited', data: { ...movement, reference: 'salary' } }).then({
      amount: 300,
      reservedChange: 0,
      balanceAfter: 1_000,
      reservedAfter: 200,
      reference: 'salary',
    });
    given({ type: 'FundsCredited', data: { ...movement, reference: 'refund' } }).then({
      amount: 300,
      reservedChange: 0,
      balanceAfter: 1_000,
      reservedAfter: 200,
      reference: 'refund',
    });
    given({ type: 'FundsWithdrawn', data: { ...movement, reference: null } }).then({
      amount: -300,
      reservedChange: 0,
      balanceAfter: 1_000,
      reservedAfter: 200,
    });
    given({ type: 'FundsDebited', data: { ...movement, reference: 'fee' } }).then({
      amount: -300,
      reservedChange: 0,
      balanceAfter: 1_000,
      reservedAfter: 200,
      reference: 'fee',
    });
  });

  it('shows a transfer as money out of the source and money into the destination', () => {
    const leg = {
      ...movement,
      transferId: 't-1',
      counterpartyAccountId: 'other',
      reference: 'rent',
    };
    const after = { balanceAfter: 1_000, reservedAfter: 200, reference: 'rent' };
    given({ type: 'FundsTransferredOut', data: leg }).then({
      amount: -300,
      reservedChange: 0,
      ...after,
    });
    given({ type: 'FundsTransferredIn', data: leg }).then({
      amount: 300,
      reservedChange: 0,
      ...after,
    });
  });

  it('shows a hold as a change of reserved funds and its capture as money out', () => {
    const after = { balanceAfter: 1_000, reservedAfter: 200, reservationId: 'r-1' };
    given({ type: 'FundsReserved', data: hold }).then({ amount: 0, reservedChange: 300, ...after });
    given({ type: 'ReservationReleased', data: hold }).then({
      amount: 0,
      reservedChange: -300,
      ...after,
    });
    given({ type: 'ReservationCaptured', data: hold }).then({
      amount: -300,
      reservedChange: -300,
      ...after,
    });
  });

  it('shows an expired hold like a released one: the reserved funds are free again', () => {
    const after = { balanceAfter: 1_000, reservedAfter: 200, reservationId: 'r-1' };
    given({ type: 'ReservationExpired', data: { ...hold, expiresAt: at } }).then({
      type: 'ReservationExpired',
      amount: 0,
      reservedChange: -300,
      ...after,
    });
  });

  it('has no row for events that move no money', () => {
    given({ type: 'AccountFrozen', data: { accountId, reason: 'x', at } }).then(null);
    given({
      type: 'FundsReservationRejected',
      data: {
        accountId,
        reservationId: 'r-2',
        requested: 5,
        available: 1,
        currency,
        reason: 'insufficient-funds',
        at,
      },
    }).then(null);
  });
});
