import { type AccountKind } from '@ledgerline/accounts-domain';
import { checkLimit, type Queryable } from '@ledgerline/projections';
import { type AccountViewStatus } from './balance-change';
import { type BalancesTables } from './projection';
import { type AccountBalance, BALANCE_COLUMNS, type BalanceRecord, toBalance } from './queries';

/** The account directory's filters; each one left undefined matches every account. */
export interface ListAccountsQuery {
  readonly ownerId?: string | undefined;
  readonly kind?: AccountKind | undefined;
  readonly status?: AccountViewStatus | undefined;
  readonly limit: number;
  /** The `next` of the previous page: the last account id it held. */
  readonly after?: string | undefined;
}

export interface AccountPage {
  /** By account id. */
  readonly accounts: readonly AccountBalance[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly next: string | null;
}

/**
 * One page of the account directory, by keyset on the account id (the primary key; with an
 * owner or a status filter, the (owner_id, account_id) or (status, account_id) index).
 */
export const listAccounts = async (
  db: Queryable,
  tables: BalancesTables,
  query: ListAccountsQuery,
): Promise<AccountPage> => {
  const limit = checkLimit(query.limit);
  const { rows } = await db.query<BalanceRecord>(
    `SELECT ${BALANCE_COLUMNS} FROM ${tables.balances}
      WHERE ($1::text IS NULL OR owner_id = $1)
        AND ($2::text IS NULL OR kind = $2)
        AND ($3::text IS NULL OR status = $3)
        AND ($4::text IS NULL OR account_id > $4)
      ORDER BY account_id
      LIMIT $5`,
    [
      query.ownerId ?? null,
      query.kind ?? null,
      query.status ?? null,
      query.after ?? null,
      limit + 1,
    ],
  );
  const accounts = rows.slice(0, limit).map(toBalance);
  const last = accounts.at(-1);
  return { accounts, next: rows.length > limit && last ? last.accountId : null };
};
