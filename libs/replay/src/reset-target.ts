import { type Checkpoint } from '@ledgerline/event-store';
import { ReplayError } from './errors';

/** Where `platform projections reset --to` takes a view back to, as the operator wrote it. */
export type ResetTarget =
  | { readonly kind: 'start' }
  /** The store's global position of an event: the view keeps that event and everything before. */
  | { readonly kind: 'position'; readonly position: number }
  /** A checkpoint as `status` prints it (`<transaction id>/<position>`). */
  | { readonly kind: 'checkpoint'; readonly checkpoint: Checkpoint }
  /** The view keeps the events recorded before this instant (a prefix of the store's order). */
  | { readonly kind: 'time'; readonly at: Date };

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses `--to`; a value it cannot read is a `bad-input` error naming the accepted forms. */
export const parseResetTarget = (text: string): ResetTarget => {
  const value = text.trim();
  if (value === 'start') return { kind: 'start' };
  if (/^\d{1,15}$/.test(value)) return { kind: 'position', position: Number(value) };
  const checkpoint = /^(\d{1,20})\/(\d{1,15})$/.exec(value);
  if (checkpoint)
    return {
      kind: 'checkpoint',
      checkpoint: { transactionId: checkpoint[1]!, position: Number(checkpoint[2]) },
    };
  if (ISO_TIME.test(value)) {
    const at = new Date(value);
    if (!Number.isNaN(at.getTime())) return { kind: 'time', at };
  }
  throw new ReplayError(
    'bad-input',
    `--to must be start, a global position (1234), a checkpoint (<transaction id>/<position>) ` +
      `or an ISO 8601 time (2026-12-01T09:30:00Z), not "${text}"`,
  );
};

export const describeResetTarget = (target: ResetTarget): string => {
  switch (target.kind) {
    case 'start':
      return 'the start';
    case 'position':
      return `global position ${target.position}`;
    case 'checkpoint':
      return `checkpoint ${target.checkpoint.transactionId}/${target.checkpoint.position}`;
    case 'time':
      return target.at.toISOString();
    default:
      return assertNever(target);
  }
};

const assertNever = (value: never): never => {
  throw new Error(`unhandled reset target ${JSON.stringify(value)}`);
};
