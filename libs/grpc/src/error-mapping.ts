import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { InvalidInput, NotFound, RuleViolation } from '@ledgerline/domain';
import { type ErrorDetailInit } from '@ledgerline/proto';
import { Forbidden } from './auth/forbidden';
import { errorInfo } from './error-info';
import { isInfrastructureDown } from './infrastructure-errors';
import { type Logger } from './logger';
import { overloadErrorMapper } from './overload/overloaded';

/** What a caller sees for an error: status code, a message safe to show, and typed details. */
export interface GrpcErrorSpec {
  readonly code: grpc.status;
  readonly message: string;
  readonly details?: readonly ErrorDetailInit[];
}

/**
 * Maps errors it recognises and returns undefined for the rest. Libraries export their own
 * (e.g. event-store for its errors) and services pass them in, so libs/grpc imports none of them.
 */
export type ErrorMapper = (error: unknown) => GrpcErrorSpec | undefined;

export { ERROR_DOMAIN, errorInfo } from './error-info';

const forbiddenErrorMapper: ErrorMapper = (error) =>
  error instanceof Forbidden
    ? {
        code: grpc.status.PERMISSION_DENIED,
        message: error.message,
        details: [errorInfo('PERMISSION_DENIED', { rule: error.rule })],
      }
    : undefined;

const domainErrorMapper: ErrorMapper = (error) => {
  if (error instanceof InvalidInput)
    return {
      code: grpc.status.INVALID_ARGUMENT,
      message: error.message,
      details: [
        {
          type: 'BadRequest',
          fieldViolations: [{ field: error.field, description: error.reason }],
        },
        errorInfo('INVALID_INPUT', { field: error.field }),
      ],
    };
  if (error instanceof RuleViolation)
    return {
      code: grpc.status.FAILED_PRECONDITION,
      message: error.message,
      details: [
        {
          type: 'PreconditionFailure',
          violations: [{ type: 'rule', subject: error.rule, description: error.message }],
        },
        errorInfo('RULE_VIOLATION', { rule: error.rule }),
      ],
    };
  if (error instanceof NotFound)
    return {
      code: grpc.status.NOT_FOUND,
      message: error.message,
      details: [
        {
          type: 'ResourceInfo',
          resourceType: error.entity,
          resourceName: error.id,
          description: error.message,
        },
        errorInfo('NOT_FOUND', { entity: error.entity }),
      ],
    };
  return undefined;
};

// Matched by name so libs/grpc needs no import of the event store that throws them. Their
// messages stay in the logs: callers get a fixed text and a machine-readable reason.
const concurrencyErrorMapper: ErrorMapper = (error) => {
  const name = error instanceof Error ? error.name : undefined;
  if (name === 'WrongExpectedVersion')
    return {
      code: grpc.status.ABORTED,
      message: 'the entity was changed concurrently; retry the command',
      details: [errorInfo('WRONG_EXPECTED_VERSION')],
    };
  if (name === 'IdempotencyKeyConflict')
    return {
      code: grpc.status.ALREADY_EXISTS,
      message: 'the idempotency key was already used for a different request',
      details: [errorInfo('IDEMPOTENCY_KEY_CONFLICT')],
    };
  return undefined;
};

/**
 * `DeadlineExceeded` (by name, like the errors above): work stopped because the call's deadline
 * passed, e.g. an append refused or a statement cancelled at the deadline. Nothing was written.
 */
const deadlineErrorMapper: ErrorMapper = (error) =>
  error instanceof Error && error.name === 'DeadlineExceeded'
    ? {
        code: grpc.status.DEADLINE_EXCEEDED,
        message: 'the deadline passed before the call completed; nothing was written',
        details: [errorInfo('DEADLINE_EXCEEDED')],
      }
    : undefined;

const RETRY_AFTER_SECONDS = 1;

const infrastructureErrorMapper: ErrorMapper = (error) =>
  isInfrastructureDown(error)
    ? {
        code: grpc.status.UNAVAILABLE,
        message: 'a dependency is unavailable; retry later',
        details: [
          errorInfo('DEPENDENCY_UNAVAILABLE'),
          { type: 'RetryInfo', retryDelay: { seconds: RETRY_AFTER_SECONDS } },
        ],
      }
    : undefined;

export const BUILT_IN_ERROR_MAPPERS: readonly ErrorMapper[] = [
  forbiddenErrorMapper,
  domainErrorMapper,
  concurrencyErrorMapper,
  deadlineErrorMapper,
  infrastructureErrorMapper,
  overloadErrorMapper,
];

export interface ErrorMappingOptions {
  readonly logger: Logger;
  /** Tried before the built-in mappers, so a service can also override them. */
  readonly errorMappers?: readonly ErrorMapper[];
}

/**
 * The status a thrown error becomes. Unrecognised errors become INTERNAL with only a reference
 * id: their message and stack may name tables, hosts or secrets, so they go to the log under
 * that id and never to the caller.
 */
export const toGrpcStatus = (error: unknown, options: ErrorMappingOptions): GrpcErrorSpec => {
  for (const mapper of [...(options.errorMappers ?? []), ...BUILT_IN_ERROR_MAPPERS]) {
    const spec = mapper(error);
    if (spec === undefined) continue;
    if (spec.code === grpc.status.UNAVAILABLE)
      options.logger.warn({ err: error }, 'gRPC call failed: dependency unavailable');
    return spec;
  }
  const ref = randomUUID();
  options.logger.error({ err: error, ref }, 'gRPC call failed with an unexpected error');
  return {
    code: grpc.status.INTERNAL,
    message: `internal error (ref ${ref})`,
    details: [errorInfo('INTERNAL', { ref })],
  };
};
