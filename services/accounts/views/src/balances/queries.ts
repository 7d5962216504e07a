import { type AccountKind } from '@ledgerline/accounts-domain';
import { iso, type Queryable } from '@ledgerline/projections';
import { type AccountViewStatus } from './balance-change';
import { type BalancesTables } from './projection';

/** Amounts are integers in the currency's minor units. */
export interface AccountBalance {
  readonly accountId: string;
  readonly ownerId: string;
  readonly kind: AccountKind;
  readonly currency: string;
  readonly balance: number;
  readonly reserved: number;
  /** balance − reserved: what can still be withdrawn, reserved or debited. */
  readonly available: number;
  readonly status: AccountViewStatus;
  readonly frozenReason: string | null;
  /** Version of the account's stream the row reflects: compare with a consistency token. */
  readonly streamVersion: number;
  readonly openedAt: string;
  readonly updatedAt: string;
}

export interface BalanceRecord {
  account_id: string;
  owner_id: string;
  kind: AccountKind;
  currency: string;
  balance: string;
  reserved: string;
  available: string;
  status: AccountViewStatus;
  frozen_reason: string | null;
  stream_version: number;
  opened_at: Date;
  updated_at: Date;
}

export const BALANCE_COLUMNS = `account_id, owner_id, kind, currency, balance, reserved, available,
  status, frozen_reason, stream_version, opened_at, updated_at`;

/** The account's balance row, or undefined when the view has not seen the account (yet). */
export const getBalance = async (
  db: Queryable,
  tables: BalancesTables,
  accountId: string,
): Promise<AccountBalance | undefined> => {
  const { rows } = await db.query<BalanceRecord>(
    `SELECT ${BALANCE_COLUMNS} FROM ${tables.balances} WHERE account_id = $1`,
    [accountId],
  );
  const row = rows[0];
  return row && toBalance(row);
};

export const toBalance = (row: BalanceRecord): AccountBalance => ({
  accountId: row.account_id,
  ownerId: row.owner_id,
  kind: row.kind,
  currency: row.currency,
  balance: Number(row.balance),
  reserved: Number(row.reserved),
  available: Number(row.available),
  status: row.status,
  frozenReason: row.frozen_reason,
  streamVersion: row.stream_version,
  openedAt: iso(row.opened_at),
  updatedAt: iso(row.updated_at),
});
