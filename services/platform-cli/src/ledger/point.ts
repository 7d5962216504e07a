import { type LedgerTarget } from '@ledgerline/accounts-views';
import { parseResetTarget } from '@ledgerline/replay';
import { UsageError } from '../command';

/** `--at` as `projections reset --to` reads it: a position, `<txid>/<position>` or a time. */
export const parsePoint = (text: string): LedgerTarget => {
  const target = parseResetTarget(text);
  if (target.kind === 'start') throw new UsageError('--at start verifies nothing; give a point');
  return target;
};
