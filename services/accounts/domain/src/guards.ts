import { MAX_AMOUNT_MINOR, NotFound, RuleViolation, type CurrencyCode } from '@ledgerline/domain';
import {
  availableBalance,
  type AccountLedger,
  type AccountState,
  type AccountStatus,
  type ActiveAccount,
  type ExistingAccount,
} from './state';

export const requireAccount = (state: AccountState, accountId: string): ExistingAccount => {
  if (state.status === 'none') throw new NotFound('account', accountId);
  return state;
};

/** Closed is terminal: every command on a closed account is refused with the same rule. */
export const requireActive = (state: AccountState, accountId: string): ActiveAccount => {
  const account = requireAccount(state, accountId);
  if (account.status === 'closed')
    throw new RuleViolation('account-closed', `account ${account.accountId} is closed`);
  return account;
};

export const requireNotFrozen = (account: ActiveAccount, action: string): void => {
  if (account.status === 'frozen')
    throw new RuleViolation(
      'account-frozen',
      `account ${account.accountId} is frozen (${account.frozenReason}): cannot ${action}`,
    );
};

export const requireCurrency = (account: AccountLedger, currency: CurrencyCode): void => {
  if (currency !== account.currency)
    throw new RuleViolation(
      'currency-mismatch',
      `account ${account.accountId} holds ${account.currency}, not ${currency}`,
    );
};

export const requireAvailable = (account: AccountLedger, amount: number): void => {
  const available = availableBalance(account);
  if (available < amount)
    throw new RuleViolation(
      'insufficient-funds',
      `account ${account.accountId} has ${available} ${account.currency} available, ${amount} needed`,
    );
};

/** The balance after adding `amount`, bounded so balance arithmetic stays exact. */
export const balanceAfterAdding = (account: AccountLedger, amount: number): number => {
  const balance = account.balance + amount;
  if (balance > MAX_AMOUNT_MINOR)
    throw new RuleViolation(
      'balance-limit-exceeded',
      `account ${account.accountId} cannot hold more than ${MAX_AMOUNT_MINOR} minor units`,
    );
  return balance;
};

export const illegalTransition = (
  accountId: string,
  from: AccountStatus,
  to: AccountStatus,
): RuleViolation =>
  new RuleViolation('illegal-transition', `account ${accountId} cannot go from ${from} to ${to}`);
