import { checkText, InvalidInput } from '@ledgerline/domain';
import { type Checkpoint } from '@ledgerline/event-store';
import { type commonV1 } from '@ledgerline/proto';

/** A command's receipt as a query's "read after" condition. */
export interface ConsistencyToken {
  readonly streamId: string;
  /** The stream's version after the command. */
  readonly streamVersion: number;
  /**
   * The command's last event in the store's order; undefined when the receipt has no transaction
   * id (the command recorded nothing): list views then wait for the stream only.
   */
  readonly checkpoint: Checkpoint | undefined;
}

const DECIMAL = /^\d{1,20}$/;
const MAX_XID8 = 2n ** 64n - 1n;

const integer = (raw: string | number, field: string, min: number): number => {
  const value = Number(raw);
  if (!/^\d+$/.test(String(raw).trim()) || !Number.isSafeInteger(value) || value < min)
    throw new InvalidInput(field, `must be an integer of at least ${min}, got "${raw}"`);
  return value;
};

/**
 * Reads the receipt a client passes back with a query (conventionally the field
 * `consistency_token`). An absent or all-default receipt means "no condition"; a malformed one is
 * the caller's mistake, named by field.
 */
export const consistencyToken = (
  receipt: Partial<commonV1.CommandReceipt__Output> | null | undefined,
  field = 'consistencyToken',
): ConsistencyToken | undefined => {
  if (!receipt) return undefined;
  const streamId = receipt.streamId ?? '';
  const version = receipt.streamVersion ?? '0';
  const position = receipt.globalPosition ?? '0';
  const transactionId = receipt.transactionId ?? '';
  if (streamId === '' && String(version) === '0' && String(position) === '0' && !transactionId)
    return undefined;
  if (streamId === '') throw new InvalidInput(`${field}.streamId`, 'is required');
  if (streamId.length > 256)
    throw new InvalidInput(`${field}.streamId`, 'must be at most 256 characters');
  // The stream id is looked up in PostgreSQL, which cannot hold a NUL in text.
  checkText(`${field}.streamId`, streamId);
  const streamVersion = integer(version, `${field}.streamVersion`, 1);
  if (transactionId === '') return { streamId, streamVersion, checkpoint: undefined };
  if (!DECIMAL.test(transactionId) || BigInt(transactionId) > MAX_XID8)
    throw new InvalidInput(`${field}.transactionId`, 'must be a decimal transaction id');
  return {
    streamId,
    streamVersion,
    checkpoint: { transactionId, position: integer(position, `${field}.globalPosition`, 1) },
  };
};
