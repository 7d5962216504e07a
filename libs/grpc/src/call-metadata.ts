import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { InvalidInput } from '@ledgerline/domain';

/** The request metadata Ledgerline propagates through commands, events and downstream calls. */
export interface CallMetadata {
  readonly correlationId: string;
  readonly causationId?: string;
  readonly idempotencyKey?: string;
  /**
   * The customer a workload acts for (the checkout saga for the order's placer). Servers honour it
   * only from a caller holding `sagas:act` and refuse it from anyone else.
   */
  readonly onBehalfOf?: string;
}

const KEYS = {
  idempotencyKey: 'idempotency-key',
  correlationId: 'x-correlation-id',
  causationId: 'x-causation-id',
  onBehalfOf: 'x-on-behalf-of',
} as const satisfies Record<keyof CallMetadata, string>;

const MAX_LENGTH = 128;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

// Invalid metadata is the caller's mistake, so it surfaces as INVALID_ARGUMENT naming the key.
const readValue = (metadata: grpc.Metadata, key: string): string | undefined => {
  const values = metadata.get(key);
  if (values.length === 0) return undefined;
  if (values.length > 1) throw new InvalidInput(key, 'must be sent once');
  const [value] = values;
  if (value === '') throw new InvalidInput(key, 'must not be empty');
  if (typeof value !== 'string' || !PRINTABLE_ASCII.test(value))
    throw new InvalidInput(key, 'must be printable ASCII');
  if (value.length > MAX_LENGTH)
    throw new InvalidInput(key, `must be at most ${MAX_LENGTH} characters`);
  return value;
};

/** Reads and validates the propagated metadata; a missing correlation id is generated. */
export const readCallMetadata = (
  metadata: grpc.Metadata,
  newId: () => string = randomUUID,
): CallMetadata => {
  const causationId = readValue(metadata, KEYS.causationId);
  const idempotencyKey = readValue(metadata, KEYS.idempotencyKey);
  const onBehalfOf = readValue(metadata, KEYS.onBehalfOf);
  return {
    correlationId: readValue(metadata, KEYS.correlationId) ?? newId(),
    ...(causationId !== undefined && { causationId }),
    ...(idempotencyKey !== undefined && { idempotencyKey }),
    ...(onBehalfOf !== undefined && { onBehalfOf }),
  };
};

/** Metadata for an outgoing call, e.g. `{ correlationId, causationId: commandId }`. */
export const outgoingMetadata = (fields: Partial<CallMetadata>): grpc.Metadata => {
  const metadata = new grpc.Metadata();
  for (const [field, key] of Object.entries(KEYS) as [keyof CallMetadata, string][]) {
    const value = fields[field];
    if (value !== undefined) metadata.set(key, value);
  }
  return metadata;
};
