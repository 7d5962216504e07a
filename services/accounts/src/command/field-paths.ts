import { InvalidInput } from '@ledgerline/domain';

// Fields are named as in proto3 JSON (camelCase), which the decider already uses for ids and
// texts. Money is the exception: the decider's `amount` and `currency` sit in the request's
// `amount` message, so a caller knows them as `amount.amountMinor` and `amount.currency`.
const MONEY_PATHS: Readonly<Record<string, string>> = {
  amount: 'amount.amountMinor',
  currency: 'amount.currency',
};

/** Runs `work`; an InvalidInput about money is renamed to the request's field path. */
export const withMoneyFieldPaths = async <T>(
  hasMoney: boolean,
  work: () => T | Promise<T>,
): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    const path = hasMoney && error instanceof InvalidInput ? MONEY_PATHS[error.field] : undefined;
    throw path === undefined ? error : new InvalidInput(path, (error as InvalidInput).reason);
  }
};
