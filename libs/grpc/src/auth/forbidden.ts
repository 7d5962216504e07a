import * as grpc from '@grpc/grpc-js';
import { type ErrorMapper, errorInfo } from '../error-mapping';

/**
 * The caller is known but may not do this (not the owner, not the checkout workload). The reason
 * names the rule, never the owner or anything else the caller may not see.
 */
export class Forbidden extends Error {
  override readonly name = 'Forbidden';
  constructor(
    readonly rule: string,
    reason: string,
  ) {
    super(`permission denied: ${reason}`);
  }
}

export const forbiddenErrorMapper: ErrorMapper = (error) =>
  error instanceof Forbidden
    ? {
        code: grpc.status.PERMISSION_DENIED,
        message: error.message,
        details: [errorInfo('PERMISSION_DENIED', { rule: error.rule })],
      }
    : undefined;
