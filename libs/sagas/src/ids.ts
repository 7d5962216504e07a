import { createHash } from 'node:crypto';

/**
 * A UUID (version 8, RFC 9562 custom) from sha256(saga type, saga id, name): the same saga always
 * derives the same payment id, reservation id…, so a command re-sent after a crash is identical.
 */
export const derivedUuid = (sagaType: string, sagaId: string, name: string): string => {
  const bytes = createHash('sha256').update(`${sagaType}\u0000${sagaId}\u0000${name}`).digest();
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

export const derivedIds = <IdName extends string>(
  sagaType: string,
  sagaId: string,
  names: readonly IdName[],
): Record<IdName, string> =>
  Object.fromEntries(names.map((name) => [name, derivedUuid(sagaType, sagaId, name)])) as Record<
    IdName,
    string
  >;

/** The idempotency key of a saga's step: at most 128 characters, as the services require. */
export const idempotencyKeyOf = (sagaId: string, step: string): string => {
  const key = `saga:${sagaId}:${step}`;
  if (key.length <= 128) return key;
  return `saga:${createHash('sha256').update(key).digest('hex')}`;
};
