import type * as grpc from '@grpc/grpc-js';
import { parseId } from '@ledgerline/domain';
import {
  actsForAnyOwner,
  type Caller,
  callerOf,
  Forbidden,
  readCallMetadata,
  SAGA_SCOPE,
} from '@ledgerline/grpc';

/**
 * Whose resources a command touches, when that must be checked: the customer a saga acts for
 * (`x-on-behalf-of`), or a user caller's own subject unless it holds `owners:any`.
 */
export interface ActingFor {
  readonly subject: string;
  /** True when a workload acts on a customer's behalf (the subject came from x-on-behalf-of). */
  readonly onBehalf: boolean;
}

const holdsSagaScope = (caller: Caller | undefined): boolean =>
  caller?.scopes.has(SAGA_SCOPE) ?? false;

/**
 * The subject named by `x-on-behalf-of`, honoured only from a caller holding `sagas:act`: anyone
 * else sending it is refused rather than ignored, so a client cannot believe it acted for another.
 */
export const onBehalfOf = (metadata: grpc.Metadata): string | undefined => {
  const { onBehalfOf: subject } = readCallMetadata(metadata, () => '');
  if (subject === undefined) return undefined;
  if (!holdsSagaScope(callerOf(metadata)))
    throw new Forbidden('on-behalf-of', 'only the checkout saga may act on behalf of a customer');
  return subject;
};

/** The subject whose ownership the command must respect; undefined when any owner will do. */
export const actingFor = (metadata: grpc.Metadata): ActingFor | undefined => {
  const customer = onBehalfOf(metadata);
  if (customer !== undefined) return { subject: customer, onBehalf: true };
  const caller = callerOf(metadata);
  if (caller === undefined || actsForAnyOwner(caller)) return undefined;
  return { subject: caller.subject, onBehalf: false };
};

/** Ids are recorded normalised (UUID lower-case, ULID upper-case); subjects are compared alike. */
const normalised = (id: string): string => {
  try {
    return parseId('id', id);
  } catch {
    return id;
  }
};

/** Whether `ownerId` names `subject` (as the token or the saga sent it), however either is cased. */
export const ownedBy = (ownerId: string, subject: string): boolean =>
  normalised(ownerId) === normalised(subject);

// libs/sagas derivedUuid sets the version nibble to 8 (RFC 9562 custom UUIDs).
const DERIVED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The checkout saga derives its payment, reservation and refund ids from the order id (UUID
 * version 8), so anyone who knows an order could create them first and make the saga's own
 * command fail. Only a `sagas:act` caller may use a version-8 UUID as a new payment, reservation
 * or refund id.
 */
export const checkSagaDerivedId = (metadata: grpc.Metadata, id: string): void => {
  if (DERIVED_UUID.test(id) && !holdsSagaScope(callerOf(metadata)))
    throw new Forbidden(
      'saga-ids',
      'version-8 UUIDs are reserved for ids the checkout saga derives',
    );
};
