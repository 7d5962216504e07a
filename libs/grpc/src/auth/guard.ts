import * as grpc from '@grpc/grpc-js';
import { type ErrorDetailInit } from '@ledgerline/proto';
import { effectiveDeadline } from '../call-context';
import { errorInfo } from '../error-info';
import { type Logger } from '../logger';
import { rpcServerMetrics } from '../rpc-metrics';
import { toServiceError } from '../status-trailer';
import { type RpcClass } from '../overload/overloaded';
import { type AccessTable, type MethodRule } from './access-table';
import { bindCaller, type Caller } from './caller';
import { type TokenVerifier, Unauthenticated } from './token-verifier';
import { peerWorkloadOf } from './peer-workload';

/** Admits or refuses a call of an authenticated caller (rate limits); rejects to refuse. */
export interface CallAdmission {
  admit(callerKey: string, rpcClass: RpcClass): Promise<void>;
  close?(): Promise<void>;
}

/** Turns an admission's refusal into the caller's status; undefined for an unexpected error. */
export type AdmissionErrorMapper = (
  error: unknown,
) => { code: grpc.status; message: string; details?: readonly ErrorDetailInit[] } | undefined;

export interface ServerSecurity {
  readonly table: AccessTable;
  readonly tokens: TokenVerifier;
  /** Whether connections are mutual TLS: only then can a certificate name a workload. */
  readonly mutualTls: boolean;
  readonly admission?: CallAdmission;
  readonly admissionErrors?: AdmissionErrorMapper;
  /** Longest a call may run, whatever deadline its client set (GRPC_MAX_DEADLINE_MS). */
  readonly maxDeadlineMs?: number;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

const refuse = (code: grpc.status, message: string, reason: string) =>
  toServiceError({ code, message, details: [errorInfo(reason)] });

class Refused extends Error {
  constructor(readonly status: grpc.ServerErrorResponse) {
    super(status.message);
  }
}

const peerWorkload = (call: grpc.ServerUnaryCall<unknown, unknown>): string | undefined => {
  try {
    return peerWorkloadOf(call);
  } catch {
    return undefined;
  }
};

/**
 * Who is calling: a bearer token names a user (through whichever workload certificate carried
 * it); without one, a workload certificate of the platform names the workload. Anything else is
 * UNAUTHENTICATED.
 */
export const authenticate = async (
  call: grpc.ServerUnaryCall<unknown, unknown>,
  security: ServerSecurity,
): Promise<Caller> => {
  const workload = security.mutualTls ? peerWorkload(call) : undefined;
  const headers = call.metadata.get('authorization');
  if (headers.length > 1)
    throw new Refused(
      refuse(grpc.status.UNAUTHENTICATED, 'send one authorization header', 'UNAUTHENTICATED'),
    );
  const [header] = headers;
  if (header !== undefined) {
    const match = typeof header === 'string' ? BEARER.exec(header.trim()) : null;
    if (!match?.[1])
      throw new Refused(
        refuse(
          grpc.status.UNAUTHENTICATED,
          'unauthenticated: authorization must be "Bearer <JWT>"',
          'UNAUTHENTICATED',
        ),
      );
    try {
      const token = await security.tokens.verify(match[1]);
      return {
        kind: 'user',
        subject: token.subject,
        scopes: token.scopes,
        ...(workload !== undefined && { via: workload }),
      };
    } catch (error) {
      if (!(error instanceof Unauthenticated)) throw error;
      throw new Refused(refuse(grpc.status.UNAUTHENTICATED, error.message, 'UNAUTHENTICATED'));
    }
  }
  const scopes = workload === undefined ? undefined : security.table.workloads.get(workload);
  if (workload !== undefined && scopes !== undefined && scopes.size > 0)
    return { kind: 'workload', subject: workload, scopes, via: workload };
  throw new Refused(
    refuse(
      grpc.status.UNAUTHENTICATED,
      'unauthenticated: send authorization: Bearer <token>',
      'UNAUTHENTICATED',
    ),
  );
};

export const authorize = (caller: Caller, rule: MethodRule | undefined, path: string): void => {
  if (!rule)
    throw new Refused(
      refuse(grpc.status.PERMISSION_DENIED, `no access rule for ${path}`, 'NO_ACCESS_RULE'),
    );
  if (!caller.scopes.has(rule.scope))
    throw new Refused(
      toServiceError({
        code: grpc.status.PERMISSION_DENIED,
        message: `permission denied: ${path} needs scope ${rule.scope}`,
        details: [errorInfo('MISSING_SCOPE', { scope: rule.scope })],
      }),
    );
};

const admit = async (caller: Caller, rule: MethodRule, security: ServerSecurity) => {
  if (!security.admission) return;
  try {
    await security.admission.admit(`${caller.kind}:${caller.subject}`, rule.class);
  } catch (error) {
    const spec = security.admissionErrors?.(error);
    if (!spec) throw error;
    throw new Refused(toServiceError(spec));
  }
};

type UnaryImpl = grpc.handleUnaryCall<unknown, unknown>;

/**
 * The one interceptor every Ledgerline RPC passes: authenticate, check the method's scope,
 * admit (rate limits), bind the caller for the handler (`callerOf(call.metadata)`), then run
 * the handler. Health and reflection are not wrapped: health stays open for probes.
 */
export const guardService = (
  definition: grpc.ServiceDefinition,
  implementation: grpc.UntypedServiceImplementation,
  security: ServerSecurity,
  logger: Logger,
  ownRules: Readonly<Record<string, MethodRule>> = {},
): grpc.UntypedServiceImplementation => {
  const rpcMetrics = rpcServerMetrics();
  return Object.fromEntries(
    Object.entries(definition).map(([name, method]) => {
      if (method.requestStream || method.responseStream)
        throw new Error(`${method.path}: only unary methods can be guarded`);
      const handler = (implementation[name] ?? implementation[method.originalName ?? '']) as
        UnaryImpl | undefined;
      if (!handler) throw new Error(`${method.path}: no handler`);
      const rule = security.table.methods.get(method.path) ?? ownRules[name];
      const startTimer = rpcMetrics.method(method.path);
      const guarded: UnaryImpl = (call, timedCallback) => {
        // Every answer, refusals included, is timed with its status; a call the client cancelled
        // before any answer counts as CANCELLED.
        const stopTimer = startTimer();
        const callback: grpc.sendUnaryData<unknown> = (error, ...rest) => {
          stopTimer(error ? (error.code ?? grpc.status.UNKNOWN) : grpc.status.OK);
          timedCallback(error, ...rest);
        };
        call.once('cancelled', () => stopTimer(grpc.status.CANCELLED));
        if (security.maxDeadlineMs !== undefined) effectiveDeadline(call, security.maxDeadlineMs);
        authenticate(call, security)
          .then(async (caller) => {
            authorize(caller, rule, method.path);
            await admit(caller, rule as MethodRule, security);
            bindCaller(call.metadata, caller);
          })
          .then(
            () => handler(call, callback),
            (error: unknown) => {
              if (call.cancelled) return;
              if (error instanceof Refused) return callback(error.status);
              logger.error({ err: error, method: method.path }, 'call guard failed');
              callback(
                refuse(
                  grpc.status.UNAVAILABLE,
                  'authentication is unavailable; retry later',
                  'AUTH_UNAVAILABLE',
                ),
              );
            },
          );
      };
      return [name, guarded];
    }),
  );
};
