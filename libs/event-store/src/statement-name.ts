import { createHash } from 'node:crypto';

/** PostgreSQL keeps the first 63 bytes of an identifier, prepared statements' names included. */
const MAX_NAME_BYTES = 63;
const names = new Map<string, string>();

/**
 * The name a prepared statement is registered under. A schema may take 56 characters, so
 * `event-store:<schema>:read-all:categories` can pass 63 bytes; PostgreSQL would cut it, and two
 * statements of one long schema would meet under one name ("prepared statement already exists").
 * A longer name becomes a digest of itself, the same on every connection and process.
 */
export const statementName = (name: string): string => {
  let registered = names.get(name);
  if (registered === undefined) {
    registered =
      Buffer.byteLength(name) <= MAX_NAME_BYTES
        ? name
        : `event-store:${createHash('sha256').update(name).digest('base64url')}`;
    names.set(name, registered);
  }
  return registered;
};
