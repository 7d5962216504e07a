import { checkText, InvalidInput } from '@ledgerline/domain';
import { type Checkpoint } from '@ledgerline/event-store';
import { type commonV1 } from '@ledgerline/proto';

/** One command's receipt as a query's "read after" condition. */
export interface ReceiptPosition {
  readonly streamId: string;
  /** The stream's version after the command. */
  readonly streamVersion: number;
  /**
   * The command's last event in the store's order; undefined when the receipt has no transaction
   * id (the command recorded nothing): list views then wait for the stream only.
   */
  readonly checkpoint: Checkpoint | undefined;
}

/**
 * A consistency token: one receipt, or several combined (commands of several contexts, each
 * with its own event store). The first receipt's fields sit on the token itself.
 */
export interface ConsistencyToken extends ReceiptPosition {
  /** The token's further receipts, flattened; absent when it carries one receipt only. */
  readonly combined?: readonly ReceiptPosition[];
}

/** Receipts a combined token may carry in all: bounds the waits one call can ask for. */
export const MAX_COMBINED_RECEIPTS = 16;

type Receipt = Partial<Omit<commonV1.CommandReceipt__Output, 'combined'>> & {
  readonly combined?: readonly (Receipt | null | undefined)[] | null;
};

const DECIMAL = /^\d{1,20}$/;
const MAX_XID8 = 2n ** 64n - 1n;

const integer = (raw: string | number, field: string, min: number): number => {
  const value = Number(raw);
  if (!/^\d+$/.test(String(raw).trim()) || !Number.isSafeInteger(value) || value < min)
    throw new InvalidInput(field, `must be an integer of at least ${min}, got "${raw}"`);
  return value;
};

/** One receipt's own fields; undefined when they are all defaults (no condition). */
const receiptPosition = (receipt: Receipt, field: string): ReceiptPosition | undefined => {
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

/** The receipt and its combined ones, depth first, each field named where the caller put it. */
const flatten = (receipt: Receipt, field: string, into: ReceiptPosition[]): void => {
  const own = receiptPosition(receipt, field);
  if (own) into.push(own);
  for (const [i, inner] of (receipt.combined ?? []).entries()) {
    // Past the limit the token is refused anyway: read no further.
    if (into.length > MAX_COMBINED_RECEIPTS) return;
    if (inner) flatten(inner, `${field}.combined[${i}]`, into);
  }
};

/**
 * Reads the receipt a client passes back with a query (conventionally the field
 * `consistency_token`), with any receipts combined into it. An absent or all-default receipt
 * means "no condition"; a malformed one is the caller's mistake, named by field.
 */
export const consistencyToken = (
  receipt: Receipt | null | undefined,
  field = 'consistencyToken',
): ConsistencyToken | undefined => {
  if (!receipt) return undefined;
  const receipts: ReceiptPosition[] = [];
  flatten(receipt, field, receipts);
  if (receipts.length > MAX_COMBINED_RECEIPTS)
    throw new InvalidInput(
      `${field}.combined`,
      `a token carries at most ${MAX_COMBINED_RECEIPTS} receipts in all`,
    );
  const [first, ...combined] = receipts;
  if (!first) return undefined;
  return combined.length > 0 ? { ...first, combined } : first;
};

/** Every receipt a token carries, the first one first. */
export const receiptsOf = (token: ConsistencyToken): readonly ReceiptPosition[] => [
  { streamId: token.streamId, streamVersion: token.streamVersion, checkpoint: token.checkpoint },
  ...(token.combined ?? []),
];

/**
 * The newest version of `streamId` the token asks for (0 when it names that stream nowhere): the
 * floor of a cached entity read after the wait.
 */
export const tokenVersionOf = (token: ConsistencyToken | undefined, streamId: string): number =>
  token
    ? Math.max(
        0,
        ...receiptsOf(token).flatMap((r) => (r.streamId === streamId ? [r.streamVersion] : [])),
      )
    : 0;

/**
 * One token standing for several receipts (e.g. of commands of different contexts), for a query
 * that must include all of them: the first receipt with the rest in `combined`.
 */
export const combineReceipts = (
  first: commonV1.CommandReceipt__Output,
  ...rest: readonly commonV1.CommandReceipt__Output[]
): commonV1.CommandReceipt__Output => ({ ...first, combined: [...first.combined, ...rest] });
