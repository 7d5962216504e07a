import { createHash } from 'node:crypto';
import { type Logger } from './logger';

const logged = new Set<string>();
const LOGGED_MAX = 1_000;

/**
 * What an admin or status RPC shows of a recorded error: a reference, never the text (it may name
 * hosts, tables or data). The text goes to this process's log once under the same reference, so
 * an operator finds it there; the same text always gets the same reference.
 */
export const errorReference = (text: string | null | undefined, logger: Logger): string => {
  if (text === undefined || text === null || text === '') return '';
  const ref = createHash('sha256').update(text).digest('hex').slice(0, 12);
  if (!logged.has(ref)) {
    if (logged.size >= LOGGED_MAX) logged.clear();
    logged.add(ref);
    logger.warn({ ref, error: text }, 'recorded error, shown to operators by reference');
  }
  return `error (ref ${ref}); the text is in the service's log`;
};
