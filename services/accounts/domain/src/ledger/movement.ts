import { assertNever } from '@ledgerline/domain';
import type { AccountEvent } from '../events';

/**
 * The accounts outside the platform that money comes from and goes to, one per currency:
 * `deposits` is the world (deposits in, withdrawals out); `clearing` holds money between the two
 * legs of a settlement (a captured reservation not yet credited to the merchant, a merchant debit
 * not yet credited back to the customer). Their balances are derived from the account events, so
 * no deposit writes a shared stream (ADR 0025).
 */
export const EXTERNAL_ACCOUNT_KINDS = ['deposits', 'clearing'] as const;
export type ExternalAccountKind = (typeof EXTERNAL_ACCOUNT_KINDS)[number];

/** What one account event does to the double-entry ledger. Amounts in minor units. */
export interface Movement {
  /** Signed change of the account's balance; the counterpart takes the opposite. */
  readonly balanceChange: number;
  /** Signed change of the account's reserved funds (no money leaves the account). */
  readonly reservedChange: number;
  /** The external account on the other side of `balanceChange`; null when nothing moves. */
  readonly counterpart: ExternalAccountKind | null;
  /** A settlement leg out of the customer's account (summed against captured payments). */
  readonly captured: number;
  /** The balances the event recorded after itself, when it records them. */
  readonly recorded: { readonly balance: number; readonly reserved: number } | null;
}

const still: Movement = {
  balanceChange: 0,
  reservedChange: 0,
  counterpart: null,
  captured: 0,
  recorded: null,
};

const moving = (
  data: { amount: number; balance: number; reserved: number },
  change: Pick<Movement, 'balanceChange' | 'reservedChange' | 'counterpart'> & {
    captured?: number;
  },
): Movement => ({
  captured: 0,
  ...change,
  recorded: { balance: data.balance, reserved: data.reserved },
});

/**
 * One switch over every account event: a new event type fails to compile here until it says
 * which external account (if any) takes the other side of its money.
 */
export const movementOf = (event: AccountEvent): Movement => {
  switch (event.type) {
    case 'FundsDeposited':
      return moving(event.data, {
        balanceChange: event.data.amount,
        reservedChange: 0,
        counterpart: 'deposits',
      });
    case 'FundsWithdrawn':
      return moving(event.data, {
        balanceChange: -event.data.amount,
        reservedChange: 0,
        counterpart: 'deposits',
      });
    case 'FundsReserved':
      return moving(event.data, {
        balanceChange: 0,
        reservedChange: event.data.amount,
        counterpart: null,
      });
    case 'ReservationReleased':
    case 'ReservationExpired':
      return moving(event.data, {
        balanceChange: 0,
        reservedChange: -event.data.amount,
        counterpart: null,
      });
    case 'ReservationCaptured':
      return moving(event.data, {
        balanceChange: -event.data.amount,
        reservedChange: -event.data.amount,
        counterpart: 'clearing',
        captured: event.data.amount,
      });
    case 'FundsCredited':
      return moving(event.data, {
        balanceChange: event.data.amount,
        reservedChange: 0,
        counterpart: 'clearing',
      });
    case 'FundsDebited':
      return moving(event.data, {
        balanceChange: -event.data.amount,
        reservedChange: 0,
        counterpart: 'clearing',
      });
    // The two legs of a transfer share one transaction: clearing nets to zero at its end.
    case 'FundsTransferredOut':
      return moving(event.data, {
        balanceChange: -event.data.amount,
        reservedChange: 0,
        counterpart: 'clearing',
      });
    case 'FundsTransferredIn':
      return moving(event.data, {
        balanceChange: event.data.amount,
        reservedChange: 0,
        counterpart: 'clearing',
      });
    case 'AccountOpened':
      return { ...still, recorded: { balance: 0, reserved: 0 } };
    case 'FundsReservationRejected':
    case 'AccountFrozen':
    case 'AccountUnfrozen':
    case 'AccountClosed':
      return still;
    default:
      return assertNever(event);
  }
};
