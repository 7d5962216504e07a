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

interface MovementData {
  readonly accountId: string;
  readonly amount: number;
  readonly currency: string;
}

/** A movement's parsed fields and the account it moves, checked in the order callers see. */
const movementOn = <Reference extends string | null>(
  data: MovementData,
  parseReference: () => Reference,
  state: AccountState,
) => {
  const accountId = parseId('accountId', data.accountId);
  const amount = parsePositiveAmount('amount', data.amount);
  const currency = parseCurrency('currency', data.currency);
  const reference = parseReference();
  const account = requireActive(state, accountId);
  return { account, amount, currency, reference };
};

const optionalReference = (data: { readonly reference?: string | undefined }) => () =>
  parseOptionalText('reference', data.reference, MAX_REFERENCE_LENGTH);
const requiredReference = (data: { readonly reference: string }) => () =>
  parseText('reference', data.reference, MAX_REFERENCE_LENGTH);

/** Money in: allowed on a frozen account. */
const moneyIn = <Reference extends string | null>(
  data: MovementData,
  parseReference: () => Reference,
  state: AccountState,
  at: string,
) => {
  const { account, amount, currency, reference } = movementOn(data, parseReference, state);
  requireCurrency(account, currency);
  const balance = balanceAfterAdding(account, amount);
  const { accountId, reserved } = account;
  return { accountId, amount, currency, reference, balance, reserved, at };
};

/** Money out: refused on a frozen account and beyond the available balance. */
const moneyOut = <Reference extends string | null>(
  data: MovementData,
  parseReference: () => Reference,
  state: AccountState,
  at: string,
  action: 'withdraw' | 'debit',
) => {
  const { account, amount, currency, reference } = movementOn(data, parseReference, state);
  requireNotFrozen(account, action);
  requireCurrency(account, currency);
  requireAvailable(account, amount);
  const balance = account.balance - amount;
  const { accountId, reserved } = account;
  return { accountId, amount, currency, reference, balance, reserved, at };
};

export const depositFunds = (
  { data, metadata }: DepositFunds,
  state: AccountState,
): [FundsDeposited] => [
  { type: 'FundsDeposited', data: moneyIn(data, optionalReference(data), state, metadata.now) },
];

export const creditFunds = (
  { data, metadata }: CreditFunds,
  state: AccountState,
): [FundsCredited] => [
  { type: 'FundsCredited', data: moneyIn(data, requiredReference(data), state, metadata.now) },
];

export const withdrawFunds = (
  { data, metadata }: WithdrawFunds,
  state: AccountState,
): [FundsWithdrawn] => [
  {
    type: 'FundsWithdrawn',
    data: moneyOut(data, optionalReference(data), state, metadata.now, 'withdraw'),
  },
];

export const debitFunds = ({ data, metadata }: DebitFunds, state: AccountState): [FundsDebited] => [
  {
    type: 'FundsDebited',
    data: moneyOut(data, requiredReference(data), state, metadata.now, 'debit'),
  },
];
