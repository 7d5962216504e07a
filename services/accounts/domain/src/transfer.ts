import {
  InvalidInput,
  parseCurrency,
  parseId,
  parseOptionalText,
  parsePositiveAmount,
} from '@ledgerline/domain';
import type { TransferFunds } from './commands';
import type { AccountEvent, FundsTransferredIn, FundsTransferredOut } from './events';
import { evolveAccount } from './evolve';
import {
  balanceAfterAdding,
  requireActive,
  requireAvailable,
  requireCurrency,
  requireNotFrozen,
} from './guards';
import { MAX_REFERENCE_LENGTH } from './parse';
import { initialAccountState, type AccountState } from './state';

/*
 * A transfer moves money between two accounts of the same currency, both recorded or neither:
 * - The accounts must differ (InvalidInput on toAccountId) and both exist (NotFound).
 * - Neither may be closed (`account-closed`) nor frozen (`account-frozen`): unlike a deposit or a
 *   credit, a transfer is a customer's own initiative, and money must not flow into an account
 *   under review any more than out of it.
 * - The amount is in both accounts' currency (`currency-mismatch`) and within the source's
 *   available funds, reservations excluded (`insufficient-funds`); the destination stays within
 *   the exact-arithmetic limit (`balance-limit-exceeded`).
 */
export const decideTransfer = (
  { data, metadata }: TransferFunds,
  [fromState, toState]: readonly AccountState[],
): [[FundsTransferredOut], [FundsTransferredIn]] => {
  const fromAccountId = parseId('fromAccountId', data.fromAccountId);
  const toAccountId = parseId('toAccountId', data.toAccountId);
  if (fromAccountId === toAccountId)
    throw new InvalidInput('toAccountId', 'must differ from fromAccountId');
  const amount = parsePositiveAmount('amount', data.amount);
  const currency = parseCurrency('currency', data.currency);
  const reference = parseOptionalText('reference', data.reference, MAX_REFERENCE_LENGTH);
  const transferId = parseId('transferId', metadata.transferId);

  const from = requireActive(fromState ?? initialAccountState, fromAccountId);
  const to = requireActive(toState ?? initialAccountState, toAccountId);
  requireNotFrozen(from, 'transfer out');
  requireNotFrozen(to, 'receive a transfer');
  requireCurrency(from, currency);
  requireCurrency(to, currency);
  requireAvailable(from, amount);
  const toBalance = balanceAfterAdding(to, amount);
  const at = metadata.now;
  const leg = { transferId, amount, currency, reference, at };
  return [
    [
      {
        type: 'FundsTransferredOut',
        data: {
          ...leg,
          accountId: from.accountId,
          counterpartyAccountId: to.accountId,
          balance: from.balance - amount,
          reserved: from.reserved,
        },
      },
    ],
    [
      {
        type: 'FundsTransferredIn',
        data: {
          ...leg,
          accountId: to.accountId,
          counterpartyAccountId: from.accountId,
          balance: toBalance,
          reserved: to.reserved,
        },
      },
    ],
  ];
};

/** The transfer's decider over [source, destination] (the shape the multi-stream loop takes). */
export const transferDecider = {
  initialState: initialAccountState,
  evolve: evolveAccount,
  decide: decideTransfer,
} satisfies {
  initialState: AccountState;
  evolve: (state: AccountState, event: AccountEvent) => AccountState;
  decide: (command: TransferFunds, states: readonly AccountState[]) => AccountEvent[][];
};
