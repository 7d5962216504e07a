import { InvalidInput } from '@ledgerline/domain';
import { ACCOUNT_KINDS, type AccountKind } from './state';

export const MAX_REFERENCE_LENGTH = 200;
export const MAX_REASON_LENGTH = 500;

export const parseAccountKind = (field: string, value: string): AccountKind => {
  const kind = ACCOUNT_KINDS.find((candidate) => candidate === value);
  if (kind === undefined)
    throw new InvalidInput(field, `must be one of ${ACCOUNT_KINDS.join(', ')}`);
  return kind;
};
