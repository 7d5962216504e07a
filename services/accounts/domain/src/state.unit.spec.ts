import { fold } from '@ledgerline/domain';
import { accountDecider } from './decider';
import { isAccountEventType } from './events';
import { availableBalance, type AccountState } from './state';
import { ACCOUNT_STREAM_CATEGORY, accountIdFromStreamId, accountStreamId } from './stream';
import {
  ACCOUNT_ID,
  RESERVATION_A,
  RESERVATION_B,
  accountOpened,
  captured,
  closed,
  deposited,
  frozen,
  released,
  reserved,
} from './testing';

describe('account state', () => {
  it('starts with no account', () => {
    expect(fold(accountDecider, [])).toEqual({ status: 'none' });
  });

  it('tracks balance, reservations and their outcomes', () => {
    const state = fold(accountDecider, [
      accountOpened,
      deposited(1000),
      reserved(RESERVATION_A, 300, 1000),
      reserved(RESERVATION_B, 200, 1000, 500),
      captured(RESERVATION_A, 300, 700, 200),
      frozen,
    ]);
    expect(state).toMatchObject({
      status: 'frozen',
      frozenReason: 'fraud review',
      balance: 700,
      reserved: 200,
      openReservations: { [RESERVATION_B]: 200 },
      recentSettlements: [{ reservationId: RESERVATION_A, outcome: 'captured' }],
      olderSettlementsForgotten: false,
    });
    expect(availableBalance(state as Extract<AccountState, { status: 'frozen' }>)).toBe(500);
  });

  it('forgets the frozen reason once closed', () => {
    const state = fold(accountDecider, [
      accountOpened,
      deposited(10),
      reserved(RESERVATION_A, 10, 10),
      released(RESERVATION_A, 10, 10),
      frozen,
      closed,
    ]);
    expect(state).toMatchObject({ status: 'closed', balance: 10 });
    expect(state).not.toHaveProperty('frozenReason');
  });

  it('ignores events on a stream that was never opened', () => {
    expect(fold(accountDecider, [deposited(10)])).toEqual({ status: 'none' });
  });
});

describe('account streams', () => {
  it('names one stream per account in the account category', () => {
    expect(ACCOUNT_STREAM_CATEGORY).toBe('account');
    expect(accountStreamId(ACCOUNT_ID)).toBe(`account-${ACCOUNT_ID}`);
    expect(accountIdFromStreamId(accountStreamId(ACCOUNT_ID))).toBe(ACCOUNT_ID);
    expect(accountIdFromStreamId(`payment-${ACCOUNT_ID}`)).toBeNull();
  });

  it('recognises account event types', () => {
    expect(isAccountEventType('FundsReserved')).toBe(true);
    expect(isAccountEventType('PaymentCaptured')).toBe(false);
    expect(isAccountEventType('toString')).toBe(false);
  });
});
