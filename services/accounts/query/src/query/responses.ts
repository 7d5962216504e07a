import { type AccountKind } from '@ledgerline/accounts-domain';
import {
  type AccountBalance,
  type AccountViewStatus,
  type TransactionRow,
} from '@ledgerline/accounts-views';
import { type accountsV1 } from '@ledgerline/proto';

const KINDS: Readonly<Record<AccountKind, accountsV1.AccountKind__Output>> = {
  customer: 'ACCOUNT_KIND_CUSTOMER',
  merchant: 'ACCOUNT_KIND_MERCHANT',
};

const STATUSES: Readonly<Record<AccountViewStatus, accountsV1.AccountStatus__Output>> = {
  open: 'ACCOUNT_STATUS_OPEN',
  frozen: 'ACCOUNT_STATUS_FROZEN',
  closed: 'ACCOUNT_STATUS_CLOSED',
};

export const toBalanceResponse = (balance: AccountBalance): accountsV1.GetBalanceResponse => ({
  accountId: balance.accountId,
  ownerId: balance.ownerId,
  kind: KINDS[balance.kind],
  currency: balance.currency,
  balanceMinor: balance.balance,
  reservedMinor: balance.reserved,
  availableMinor: balance.available,
  status: STATUSES[balance.status],
  frozenReason: balance.frozenReason ?? '',
  streamVersion: balance.streamVersion,
  openedAt: balance.openedAt,
  updatedAt: balance.updatedAt,
});

export const toTransaction = (row: TransactionRow): accountsV1.AccountTransaction => ({
  eventId: row.eventId,
  streamVersion: row.streamVersion,
  type: row.type,
  amountMinor: row.amount,
  reservedChangeMinor: row.reservedChange,
  balanceAfterMinor: row.balanceAfter,
  reservedAfterMinor: row.reservedAfter,
  currency: row.currency,
  reference: row.reference ?? '',
  reservationId: row.reservationId ?? '',
  at: row.at,
});

/** The directory's view of an account: the balances row as an Account message. */
export const toAccount = (balance: AccountBalance): accountsV1.Account => ({
  accountId: balance.accountId,
  ownerId: balance.ownerId,
  kind: KINDS[balance.kind],
  currency: balance.currency,
  status: STATUSES[balance.status],
  frozenReason: balance.frozenReason ?? '',
  balanceMinor: balance.balance,
  reservedMinor: balance.reserved,
  availableMinor: balance.available,
  openedAt: balance.openedAt,
  updatedAt: balance.updatedAt,
  streamVersion: balance.streamVersion,
});

/** A directory filter from its enum: undefined for UNSPECIFIED (every value). */
export const kindFilter = (kind: accountsV1.AccountKind__Output): AccountKind | undefined =>
  (Object.keys(KINDS) as AccountKind[]).find((key) => KINDS[key] === kind);

export const statusFilter = (
  status: accountsV1.AccountStatus__Output,
): AccountViewStatus | undefined =>
  (Object.keys(STATUSES) as AccountViewStatus[]).find((key) => STATUSES[key] === status);
