import { type AccountKind } from '@ledgerline/accounts-domain';
import { type AccountViewStatus, type BalanceChange } from '../balances/balance-change';

/**
 * One account as the `accounts` index holds it (see docs/analytics/README.md). Amounts are
 * integers in the currency's minor units.
 */
export interface AccountDocument {
  readonly accountId: string;
  readonly ownerId: string;
  readonly kind: AccountKind;
  readonly currency: string;
  readonly status: AccountViewStatus;
  /** Why the account is frozen; null unless it is. */
  readonly frozenReason: string | null;
  readonly balanceMinor: number;
  readonly reservedMinor: number;
  /** balanceMinor − reservedMinor. */
  readonly availableMinor: number;
  readonly openedAt: string;
  readonly updatedAt: string;
  /** Events applied: also the document's external version. */
  readonly streamVersion: number;
}

/**
 * The document after one event, from the same change the balances view applies (so both views
 * agree field by field). An update of an account the index has never seen is poison: thrown, so
 * the runtime parks it, as the balances view does.
 */
export const accountDocument = (
  current: AccountDocument | undefined,
  change: BalanceChange,
  streamVersion: number,
): AccountDocument => {
  if (change.kind === 'insert') {
    const { accountId, ownerId, kind, currency, at } = change.row;
    return {
      accountId,
      ownerId,
      kind,
      currency,
      status: 'open',
      frozenReason: null,
      balanceMinor: 0,
      reservedMinor: 0,
      availableMinor: 0,
      openedAt: at,
      updatedAt: at,
      streamVersion,
    };
  }
  const { update } = change;
  if (!current)
    throw new Error(`account ${update.accountId} has no document (event v${streamVersion})`);
  const balanceMinor = update.balance ?? current.balanceMinor;
  const reservedMinor = update.reserved ?? current.reservedMinor;
  return {
    ...current,
    balanceMinor,
    reservedMinor,
    availableMinor: balanceMinor - reservedMinor,
    ...(update.status && {
      status: update.status.value,
      frozenReason: update.status.frozenReason,
    }),
    updatedAt: update.at,
    streamVersion,
  };
};
