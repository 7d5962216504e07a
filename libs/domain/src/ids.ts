import { InvalidInput } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i;

/** Ids are supplied by clients (UUID or ULID) so that a retried command addresses the same entity. */
export const parseId = (field: string, value: string): string => {
  if (value.length === 0) throw new InvalidInput(field, 'is required');
  if (UUID.test(value)) return value.toLowerCase();
  if (ULID.test(value)) return value.toUpperCase();
  throw new InvalidInput(field, 'must be a UUID or a ULID');
};

export const MAX_SUBJECT_LENGTH = 128;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/**
 * A verified caller's subject recorded in an event (who placed an order, whose payment it is). It
 * travels onward as a header (`x-on-behalf-of`), so it is held to what a header may carry:
 * printable ASCII, at most 128 characters. Recorded as given: subjects are the identity provider's.
 */
export const parseSubject = (field: string, value: string): string => {
  if (value.length === 0) throw new InvalidInput(field, 'is required');
  if (value.length > MAX_SUBJECT_LENGTH)
    throw new InvalidInput(field, `must be at most ${MAX_SUBJECT_LENGTH} characters`);
  if (!PRINTABLE_ASCII.test(value)) throw new InvalidInput(field, 'must be printable ASCII');
  return value;
};
