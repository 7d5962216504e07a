import * as grpc from '@grpc/grpc-js';
import { RpcError } from '@ledgerline/grpc';
import { classifyFailure } from './outcome';

const rpcError = (code: grpc.status) => new RpcError(code, 'test', new grpc.Metadata(), undefined);

describe('a failed attempt', () => {
  it.each([
    grpc.status.UNAVAILABLE,
    grpc.status.DEADLINE_EXCEEDED,
    grpc.status.ABORTED,
    grpc.status.RESOURCE_EXHAUSTED,
    grpc.status.INTERNAL,
  ])('is transient (retried) for status %s', (code) => {
    expect(classifyFailure(rpcError(code)).kind).toBe('transient');
  });

  it.each([grpc.status.FAILED_PRECONDITION, grpc.status.NOT_FOUND, grpc.status.INVALID_ARGUMENT])(
    'is the service’s answer (goes to react) for status %s',
    (code) => {
      expect(classifyFailure(rpcError(code))).toEqual({
        kind: 'rejected',
        code: grpc.status[code],
        rule: null,
        message: 'test',
      });
    },
  );

  it('is transient when it is not a gRPC status at all (connection lost in the client)', () => {
    expect(classifyFailure(new Error('socket hang up')).kind).toBe('transient');
  });
});
