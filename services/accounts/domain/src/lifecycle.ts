import { RuleViolation, parseCurrency, parseId, parseText } from '@ledgerline/domain';
import type { CloseAccount, FreezeAccount, OpenAccount, UnfreezeAccount } from './commands';
import type { AccountClosed, AccountFrozen, AccountOpened, AccountUnfrozen } from './events';
import { illegalTransition, requireActive } from './guards';
import { MAX_REASON_LENGTH, parseAccountKind } from './parse';
import type { AccountState } from './state';

export const openAccount = (
  { data, metadata }: OpenAccount,
  state: AccountState,
): [AccountOpened] => {
  const accountId = parseId('accountId', data.accountId);
  const ownerId = parseId('ownerId', data.ownerId);
  const kind = parseAccountKind('kind', data.kind);
  const currency = parseCurrency('currency', data.currency);
  if (state.status !== 'none')
    throw new RuleViolation('already-exists', `account ${accountId} already exists`);
  return [
    { type: 'AccountOpened', data: { accountId, ownerId, kind, currency, at: metadata.now } },
  ];
};

export const freezeAccount = (
  { data, metadata }: FreezeAccount,
  state: AccountState,
): [AccountFrozen] => {
  const accountId = parseId('accountId', data.accountId);
  const reason = parseText('reason', data.reason, MAX_REASON_LENGTH);
  const account = requireActive(state, accountId);
  if (account.status === 'frozen') throw illegalTransition(account.accountId, 'frozen', 'frozen');
  return [
    { type: 'AccountFrozen', data: { accountId: account.accountId, reason, at: metadata.now } },
  ];
};

export const unfreezeAccount = (
  { data, metadata }: UnfreezeAccount,
  state: AccountState,
): [AccountUnfrozen] => {
  const account = requireActive(state, parseId('accountId', data.accountId));
  if (account.status === 'open') throw illegalTransition(account.accountId, 'open', 'open');
  return [{ type: 'AccountUnfrozen', data: { accountId: account.accountId, at: metadata.now } }];
};

/** A frozen account may be closed too: closing needs only that no money is left on it. */
export const closeAccount = (
  { data, metadata }: CloseAccount,
  state: AccountState,
): [AccountClosed] => {
  const account = requireActive(state, parseId('accountId', data.accountId));
  const openReservations = Object.keys(account.openReservations).length;
  if (openReservations > 0)
    throw new RuleViolation(
      'open-reservations',
      `account ${account.accountId} has ${openReservations} open reservation(s)`,
    );
  if (account.balance !== 0)
    throw new RuleViolation(
      'balance-not-zero',
      `account ${account.accountId} still holds ${account.balance} ${account.currency}`,
    );
  return [{ type: 'AccountClosed', data: { accountId: account.accountId, at: metadata.now } }];
};
