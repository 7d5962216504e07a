import * as grpc from '@grpc/grpc-js';
import { type RpcError } from './rpc-error';
import { checkInt32, checkInt64 } from './wire-integers';

const refusal = (check: () => void): RpcError => {
  try {
    check();
  } catch (error) {
    return error as RpcError;
  }
  throw new Error('expected a refusal');
};

describe('integer fields before sending', () => {
  it.each([5000, '5000', '-1', '9223372036854775807', 0, undefined, { low: 1, high: 0 }])(
    'lets the int64 value %p through',
    (value) => {
      expect(() => checkInt64('amount', value)).not.toThrow();
    },
  );

  it.each([12.5, '12.5', '1e3', 'abc', '', true, {}, '9223372036854775808', Number.MAX_VALUE])(
    'refuses the int64 value %p as INVALID_ARGUMENT naming the field',
    (value) => {
      const error = refusal(() => checkInt64('amount', value));
      expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(error.details).toBe('amount: must be an integer (int64)');
      expect(error.errorDetails).toEqual([
        {
          type: 'BadRequest',
          fieldViolations: [{ field: 'amount', description: 'must be an integer (int64)' }],
        },
      ]);
    },
  );

  it.each([1, 0, -1, 2 ** 31 - 1])('lets the int32 value %p through', (value) => {
    expect(() => checkInt32('lines[0].quantity', value)).not.toThrow();
  });

  it.each([1.5, '7', 2 ** 31, true])('refuses the int32 value %p', (value) => {
    expect(refusal(() => checkInt32('lines[0].quantity', value)).details).toBe(
      'lines[0].quantity: must be an integer (int32)',
    );
  });
});
