import { assertNever } from '@ledgerline/domain';
import { type AccountEvent, type AccountKind } from '@ledgerline/accounts-domain';

export type AccountViewStatus = 'open' | 'frozen' | 'closed';

/** A row of the balances table as the projection writes it. */
export interface OpenedAccountRow {
  readonly accountId: string;
  readonly ownerId: string;
  readonly kind: AccountKind;
  readonly currency: string;
  readonly streamVersion: number;
  readonly at: string;
}

/** Fields an event sets on an existing row; absent ones keep their value. */
export interface BalanceUpdate {
  readonly accountId: string;
  readonly balance?: number;
  readonly reserved?: number;
  readonly status?: { readonly value: AccountViewStatus; readonly frozenReason: string | null };
  readonly at: string;
}

export type BalanceChange =
  | { readonly kind: 'insert'; readonly row: OpenedAccountRow }
  | { readonly kind: 'update'; readonly update: BalanceUpdate };

/**
 * What one account event does to its balance row. Money events carry the balances after them, so
 * the row copies them; a rejected reservation changes nothing but the row's stream version.
 */
export const balanceChange = (event: AccountEvent, streamVersion: number): BalanceChange => {
  switch (event.type) {
    case 'AccountOpened': {
      const { accountId, ownerId, kind, currency, at } = event.data;
      return { kind: 'insert', row: { accountId, ownerId, kind, currency, streamVersion, at } };
    }
    case 'FundsDeposited':
    case 'FundsWithdrawn':
    case 'FundsReserved':
    case 'ReservationCaptured':
    case 'ReservationReleased':
    case 'ReservationExpired':
    case 'FundsCredited':
    case 'FundsDebited':
    case 'FundsTransferredOut':
    case 'FundsTransferredIn': {
      const { accountId, balance, reserved, at } = event.data;
      return { kind: 'update', update: { accountId, balance, reserved, at } };
    }
    case 'FundsReservationRejected':
      return { kind: 'update', update: { accountId: event.data.accountId, at: event.data.at } };
    case 'AccountFrozen':
      return statusUpdate(event.data, 'frozen', event.data.reason);
    case 'AccountUnfrozen':
      return statusUpdate(event.data, 'open', null);
    case 'AccountClosed':
      return statusUpdate(event.data, 'closed', null);
    default:
      return assertNever(event);
  }
};

const statusUpdate = (
  data: { accountId: string; at: string },
  value: AccountViewStatus,
  frozenReason: string | null,
): BalanceChange => ({
  kind: 'update',
  update: { accountId: data.accountId, status: { value, frozenReason }, at: data.at },
});
