import * as grpc from '@grpc/grpc-js';
import { RpcError } from './rpc-error';

// protobufjs serializes whatever it is given: 12.5 goes out as 12, "1e3" as 1, "abc" as 0, and
// an int64 beyond 2^63 wraps around. For money that silent change is unacceptable, so integer
// fields are checked by the typed clients before sending and refused the way the server refuses a
// bad field.

const INT64_MAX = 2n ** 63n - 1n;

const invalidArgument = (field: string, description: string): RpcError => {
  const message = `${field}: ${description}`;
  return new RpcError(grpc.status.INVALID_ARGUMENT, message, new grpc.Metadata(), {
    code: grpc.status.INVALID_ARGUMENT,
    message,
    details: [{ type: 'BadRequest', fieldViolations: [{ field, description }] }],
  });
};

const isLong = (value: object): boolean =>
  'low' in value && 'high' in value && Number.isInteger(value.low) && Number.isInteger(value.high);

/** An int64 field: a safe integer, a decimal integer string in range, a Long, or unset. */
export const checkInt64 = (field: string, value: unknown): void => {
  if (value === undefined || value === null) return;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return;
  if (typeof value === 'string' && /^-?\d{1,19}$/.test(value)) {
    const parsed = BigInt(value);
    if (parsed <= INT64_MAX && parsed >= -INT64_MAX - 1n) return;
  }
  if (typeof value === 'object' && isLong(value)) return;
  throw invalidArgument(field, 'must be an integer (int64)');
};

const INT32_MAX = 2 ** 31 - 1;

/** An int32 field: an integer in range, or unset. */
export const checkInt32 = (field: string, value: unknown): void => {
  if (value === undefined || value === null) return;
  if (Number.isInteger(value) && Math.abs(value as number) <= INT32_MAX) return;
  throw invalidArgument(field, 'must be an integer (int32)');
};
