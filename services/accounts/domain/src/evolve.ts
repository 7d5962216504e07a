import { assertNever } from '@ledgerline/domain';
import type { AccountEvent } from './events';
import {
  RECENT_SETTLEMENTS_KEPT,
  type AccountLedger,
  type AccountState,
  type ExistingAccount,
  type ReservationOutcome,
} from './state';

/** The ledger of an account without its status-specific fields (e.g. a frozen reason). */
const ledgerOf = (account: ExistingAccount): AccountLedger => ({
  accountId: account.accountId,
  ownerId: account.ownerId,
  kind: account.kind,
  currency: account.currency,
  balance: account.balance,
  reserved: account.reserved,
  openReservations: account.openReservations,
  ...(account.reservationExpiries && { reservationExpiries: account.reservationExpiries }),
  recentSettlements: account.recentSettlements,
  olderSettlementsForgotten: account.olderSettlementsForgotten,
});

const settle = (
  account: ExistingAccount,
  reservationId: string,
  outcome: ReservationOutcome,
): Pick<
  AccountLedger,
  'openReservations' | 'reservationExpiries' | 'recentSettlements' | 'olderSettlementsForgotten'
> => {
  const { [reservationId]: _settled, ...stillOpen } = account.openReservations;
  const { [reservationId]: _expiry, ...stillExpiring } = account.reservationExpiries ?? {};
  const settled = [...account.recentSettlements, { reservationId, outcome }];
  const forgetting = settled.length > RECENT_SETTLEMENTS_KEPT;
  return {
    openReservations: stillOpen,
    reservationExpiries: stillExpiring,
    recentSettlements: forgetting ? settled.slice(-RECENT_SETTLEMENTS_KEPT) : settled,
    olderSettlementsForgotten: account.olderSettlementsForgotten || forgetting,
  };
};

const outcomes = {
  ReservationCaptured: 'captured',
  ReservationReleased: 'released',
  ReservationExpired: 'expired',
} as const satisfies Record<string, ReservationOutcome>;

/**
 * Folds one event into the state. Balances are copied from the event (decide computed them), so
 * the two can never disagree. Events on a stream with no AccountOpened leave the state alone.
 */
export const evolveAccount = (state: AccountState, event: AccountEvent): AccountState => {
  if (event.type === 'AccountOpened') {
    const { accountId, ownerId, kind, currency } = event.data;
    return {
      status: 'open',
      ...{ accountId, ownerId, kind, currency, balance: 0, reserved: 0 },
      ...{ openReservations: {}, recentSettlements: [], olderSettlementsForgotten: false },
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'FundsDeposited':
    case 'FundsWithdrawn':
    case 'FundsCredited':
    case 'FundsDebited':
    case 'FundsTransferredOut':
    case 'FundsTransferredIn':
      return { ...state, balance: event.data.balance, reserved: event.data.reserved };
    case 'FundsReservationRejected':
      return state;
    case 'FundsReserved': {
      const { reservationId, amount, balance, reserved, expiresAt } = event.data;
      const openReservations = { ...state.openReservations, [reservationId]: amount };
      // A reservation recorded without an expiry (before reservations expired) never expires.
      if (expiresAt === undefined) return { ...state, balance, reserved, openReservations };
      const reservationExpiries = { ...state.reservationExpiries, [reservationId]: expiresAt };
      return { ...state, balance, reserved, openReservations, reservationExpiries };
    }
    case 'ReservationCaptured':
    case 'ReservationReleased':
    case 'ReservationExpired': {
      const { reservationId, balance, reserved } = event.data;
      return { ...state, balance, reserved, ...settle(state, reservationId, outcomes[event.type]) };
    }
    case 'AccountFrozen':
      return { ...ledgerOf(state), status: 'frozen', frozenReason: event.data.reason };
    case 'AccountUnfrozen':
      return { ...ledgerOf(state), status: 'open' };
    case 'AccountClosed':
      return { ...ledgerOf(state), status: 'closed' };
    default:
      return assertNever(event);
  }
};
