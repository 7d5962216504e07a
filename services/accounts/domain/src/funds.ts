import {
  parseCurrency,
  parseId,
  parseOptionalText,
  parsePositiveAmount,
  parseText,
} from '@ledgerline/domain';
import type { CreditFunds, DebitFunds, DepositFunds, WithdrawFunds } from './commands';
import type { FundsCredited, FundsDebited, FundsDeposited, FundsWithdrawn } from './events';
import {
  balanceAfterAdding,
  requireActive,
  requireAvailable,
  requireCurrency,
  requireNotFrozen,
} from './guards';
import { MAX_REFERENCE_LENGTH } from './parse';
import type { AccountState } from './state';

// Money in (deposit, credit) is allowed on a frozen account; money out (withdraw, debit) is not.

const parseMovement = (data: { accountId: string; amount: number; currency: string }) => ({
  accountId: parseId('accountId', data.accountId),
  amount: parsePositiveAmount('amount', data.amount),
  currency: parseCurrency('currency', data.currency),
});

export const depositFunds = (
  { data, metadata }: DepositFunds,
  state: AccountState,
): [FundsDeposited] => {
  const { accountId, amount, currency } = parseMovement(data);
  const reference = parseOptionalText('reference', data.reference, MAX_REFERENCE_LENGTH);
  const account = requireActive(state, accountId);
  requireCurrency(account, currency);
  const balance = balanceAfterAdding(account, amount);
  const { reserved } = account;
  const at = metadata.now;
  return [
    {
      type: 'FundsDeposited',
      data: { accountId: account.accountId, amount, currency, reference, balance, reserved, at },
    },
  ];
};

export const creditFunds = (
  { data, metadata }: CreditFunds,
  state: AccountState,
): [FundsCredited] => {
  const { accountId, amount, currency } = parseMovement(data);
  const reference = parseText('reference', data.reference, MAX_REFERENCE_LENGTH);
  const account = requireActive(state, accountId);
  requireCurrency(account, currency);
  const balance = balanceAfterAdding(account, amount);
  const { reserved } = account;
  const at = metadata.now;
  return [
    {
      type: 'FundsCredited',
      data: { accountId: account.accountId, amount, currency, reference, balance, reserved, at },
    },
  ];
};

export const withdrawFunds = (
  { data, metadata }: WithdrawFunds,
  state: AccountState,
): [FundsWithdrawn] => {
  const { accountId, amount, currency } = parseMovement(data);
  const reference = parseOptionalText('reference', data.reference, MAX_REFERENCE_LENGTH);
  const account = requireActive(state, accountId);
  requireNotFrozen(account, 'withdraw');
  requireCurrency(account, currency);
  requireAvailable(account, amount);
  const balance = account.balance - amount;
  const { reserved } = account;
  const at = metadata.now;
  return [
    {
      type: 'FundsWithdrawn',
      data: { accountId: account.accountId, amount, currency, reference, balance, reserved, at },
    },
  ];
};

export const debitFunds = ({ data, metadata }: DebitFunds, state: AccountState): [FundsDebited] => {
  const { accountId, amount, currency } = parseMovement(data);
  const reference = parseText('reference', data.reference, MAX_REFERENCE_LENGTH);
  const account = requireActive(state, accountId);
  requireNotFrozen(account, 'debit');
  requireCurrency(account, currency);
  requireAvailable(account, amount);
  const balance = account.balance - amount;
  const { reserved } = account;
  const at = metadata.now;
  return [
    {
      type: 'FundsDebited',
      data: { accountId: account.accountId, amount, currency, reference, balance, reserved, at },
    },
  ];
};
