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
