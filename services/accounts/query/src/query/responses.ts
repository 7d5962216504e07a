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
