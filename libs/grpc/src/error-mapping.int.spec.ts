import * as grpc from '@grpc/grpc-js';
import { InvalidInput, NotFound, RuleViolation } from '@ledgerline/domain';
import { findDetail } from '@ledgerline/proto';
import { readCallMetadata } from './call-metadata';
import { RpcError } from './rpc-error';
import { unary } from './unary-call';
import { type EchoHandler, startProbeServer } from './testing/probe-server';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

/** Fails the call with what `throwing` throws and returns the error the client saw. */
const failWith = async (throwing: unknown) => {
  const probe = await startProbeServer(() => {
    throw throwing;
  });
  try {
    const error = await unary(probe.client({ retries: 0 }), 'Echo', {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof RpcError)) throw new Error(`expected an RpcError, got ${String(error)}`);
    return { error, logs: probe.logger.entries };
  } finally {
    await probe.stop();
  }
};

describe('errors thrown by a unary handler', () => {
  it('InvalidInput becomes INVALID_ARGUMENT naming the field', async () => {
    const { error } = await failWith(new InvalidInput('amount', 'must be positive'));

    expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error.details).toBe('amount: must be positive');
    expect(findDetail(error.errorDetails, 'BadRequest')?.fieldViolations).toEqual([
      { field: 'amount', description: 'must be positive' },
    ]);
    expect(findDetail(error.errorDetails, 'ErrorInfo')).toMatchObject({
      reason: 'INVALID_INPUT',
      domain: 'ledgerline',
    });
  });

  it('RuleViolation becomes FAILED_PRECONDITION naming the rule', async () => {
    const { error } = await failWith(new RuleViolation('sufficient-funds', 'insufficient funds'));

    expect(error.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(error.details).toBe('insufficient funds');
    expect(findDetail(error.errorDetails, 'PreconditionFailure')?.violations).toEqual([
      { type: 'rule', subject: 'sufficient-funds', description: 'insufficient funds' },
    ]);
  });

  it('NotFound becomes NOT_FOUND with the resource', async () => {
    const { error } = await failWith(new NotFound('Account', 'acc-1'));

    expect(error.code).toBe(grpc.status.NOT_FOUND);
    expect(findDetail(error.errorDetails, 'ResourceInfo')).toMatchObject({
      resourceType: 'Account',
      resourceName: 'acc-1',
    });
  });

  it.each([
    ['WrongExpectedVersion', grpc.status.ABORTED, 'WRONG_EXPECTED_VERSION'],
    ['IdempotencyKeyConflict', grpc.status.ALREADY_EXISTS, 'IDEMPOTENCY_KEY_CONFLICT'],
    ['Unavailable', grpc.status.UNAVAILABLE, 'DEPENDENCY_UNAVAILABLE'],
  ])('%s becomes status %i with reason %s', async (name, code, reason) => {
    const { error } = await failWith(named(name, 'stream acc-1 at version 3 in table events'));

    expect(error.code).toBe(code);
    expect(error.details).not.toContain('acc-1');
    expect(findDetail(error.errorDetails, 'ErrorInfo')?.reason).toBe(reason);
  });

  it('a refused database connection becomes UNAVAILABLE with a retry delay', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), {
      code: 'ECONNREFUSED',
    });

    const { error, logs } = await failWith(refused);

    expect(error.code).toBe(grpc.status.UNAVAILABLE);
    expect(error.details).not.toContain('10.0.0.7');
    expect(findDetail(error.errorDetails, 'RetryInfo')?.retryDelay?.seconds).toBe('1');
    expect(logs).toContainEqual(expect.objectContaining({ level: 'warn', obj: { err: refused } }));
  });

  it('an unknown error becomes INTERNAL with a reference and is logged, never leaked', async () => {
    const secret = new Error('password=hunter2 rejected by db.internal');

    const { error, logs } = await failWith(secret);

    expect(error.code).toBe(grpc.status.INTERNAL);
    expect(error.details).toMatch(/^internal error \(ref [0-9a-f-]{36}\)$/);
    expect(JSON.stringify(error.status)).not.toMatch(/hunter2|db\.internal|at /);
    const ref = findDetail(error.errorDetails, 'ErrorInfo')?.metadata['ref'];
    expect(error.details).toContain(ref);
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 'error', obj: { err: secret, ref } }),
    );
  });

  it('uses extra mappers before the built-in ones', async () => {
    const denied: EchoHandler = () => {
      throw named('NotYourAccount', 'nope');
    };
    const probe = await startProbeServer(denied, {
      errorMappers: [
        (e) =>
          e instanceof Error && e.name === 'NotYourAccount'
            ? { code: grpc.status.PERMISSION_DENIED, message: 'not your account' }
            : undefined,
      ],
    });

    try {
      await expect(unary(probe.client(), 'Echo', {})).rejects.toMatchObject({
        code: grpc.status.PERMISSION_DENIED,
        details: 'not your account',
      });
    } finally {
      await probe.stop();
    }
  });

  it('invalid request metadata becomes INVALID_ARGUMENT naming the key', async () => {
    const probe = await startProbeServer(({ message }, call) => {
      readCallMetadata(call.metadata);
      return { message };
    });
    const metadata = new grpc.Metadata();
    metadata.set('idempotency-key', 'k'.repeat(129));

    try {
      const failure = unary(probe.client(), 'Echo', {}, { metadata });

      await expect(failure).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
      await expect(failure).rejects.toHaveProperty(
        'status.details.0.fieldViolations.0.field',
        'idempotency-key',
      );
    } finally {
      await probe.stop();
    }
  });
});
