import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal values always serialise (and hash) the same way. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Default request hash of an append: the stream and its events' types and data, not their
 * generated ids or times, so a retried request hashes the same.
 */
export const hashEvents = (
  streamId: string,
  events: readonly { type: string; data: unknown }[],
): string => sha256(canonicalJson([streamId, events.map(({ type, data }) => [type, data])]));
