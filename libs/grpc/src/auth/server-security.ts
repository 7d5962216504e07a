import { DEV_TOKEN_ISSUER, isProduction } from '@ledgerline/config';
import { resolveProtoDir } from '@ledgerline/proto';
import { overloadErrorMapper } from '../overload/overloaded';
import { callLimitsFromConfig, createCallLimiter } from '../overload/rate-limit';
import { serverTransportOptions, type TransportLimitsConfig } from '../overload/transport-options';
import { loadAccessTable } from './access-table';
import { type ServerSecurity } from './guard';
import { serverTls, type ServerTls, tlsFilesIn } from './tls';
import { createTokenVerifier } from './token-verifier';
import type * as grpc from '@grpc/grpc-js';

/** The security settings of libs/config (`securitySettings`), as a service's config has them. */
export interface SecuritySettings {
  readonly LEDGERLINE_ENV: string;
  readonly NODE_ENV: string;
  readonly GRPC_TLS: 'mtls' | 'off';
  readonly TLS_DIR: string;
  readonly TLS_IDENTITY: string;
  readonly AUTH_JWKS: string;
  readonly AUTH_ISSUER: string;
  readonly AUTH_AUDIENCE: string;
  readonly AUTH_CLOCK_TOLERANCE_SECONDS: number;
  readonly GRPC_REFLECTION: boolean;
  /** Plaintext health-only port (0 or absent: none). */
  readonly GRPC_HEALTH_PORT?: number;
}

/** The overload settings of libs/config (`overloadSettings`) the server side reads. */
export interface ServerLimitSettings extends TransportLimitsConfig {
  readonly GRPC_MAX_DEADLINE_MS: number;
  readonly RATE_LIMIT_READ_PER_SECOND: number;
  readonly RATE_LIMIT_WRITE_PER_SECOND: number;
  readonly RATE_LIMIT_ADMIN_PER_SECOND: number;
  readonly RATE_LIMIT_BURST_SECONDS: number;
  /** Where the limits are counted across replicas; empty: in this process only. */
  readonly RATE_LIMIT_REDIS_URL: string;
}

export interface ServerSecurityParts {
  readonly security: ServerSecurity;
  readonly tls?: ServerTls;
  readonly reflection: boolean;
  readonly serverOptions?: grpc.ServerOptions;
  readonly healthPort?: number;
}

/**
 * What `startGrpcServer` needs from the settings: the guard (access table, token verifier,
 * mTLS), and with `limits` the rate limiter, the longest deadline and the transport limits. A
 * missing file stops the start.
 */
export const serverSecurityFrom = (
  settings: SecuritySettings,
  name: string,
  limits?: ServerLimitSettings,
): ServerSecurityParts => {
  if (isProduction(settings) && settings.AUTH_ISSUER === DEV_TOKEN_ISSUER)
    throw new Error(
      `AUTH_ISSUER is the development issuer "${DEV_TOKEN_ISSUER}": in production set the identity provider's issuer and JWKS`,
    );
  if (settings.AUTH_JWKS === '')
    throw new Error(
      'AUTH_JWKS is required: the JWKS that bearer tokens are verified against (npm run up makes .stack/pki/jwt/jwks.json)',
    );
  const mutualTls = settings.GRPC_TLS === 'mtls';
  if (mutualTls && settings.TLS_DIR === '')
    throw new Error('TLS_DIR is required when GRPC_TLS=mtls (npm run up makes .stack/pki)');
  const identity = settings.TLS_IDENTITY === '' ? name : settings.TLS_IDENTITY;
  const admission =
    limits &&
    createCallLimiter({
      limits: callLimitsFromConfig(limits),
      keyPrefix: 'ledgerline:rate',
      ...(limits.RATE_LIMIT_REDIS_URL !== '' && { redisUrl: limits.RATE_LIMIT_REDIS_URL }),
    });
  return {
    security: {
      table: loadAccessTable(resolveProtoDir()),
      tokens: createTokenVerifier({
        jwks: settings.AUTH_JWKS,
        issuer: settings.AUTH_ISSUER,
        audience: settings.AUTH_AUDIENCE,
        clockToleranceSeconds: settings.AUTH_CLOCK_TOLERANCE_SECONDS,
      }),
      mutualTls,
      ...(admission && {
        admission,
        admissionErrors: overloadErrorMapper,
        maxDeadlineMs: limits.GRPC_MAX_DEADLINE_MS,
      }),
    },
    ...(mutualTls && { tls: serverTls(tlsFilesIn(settings.TLS_DIR, identity)) }),
    ...(settings.GRPC_HEALTH_PORT !== undefined &&
      settings.GRPC_HEALTH_PORT > 0 && { healthPort: settings.GRPC_HEALTH_PORT }),
    reflection: settings.GRPC_REFLECTION,
    ...(limits && { serverOptions: serverTransportOptions(limits) }),
  };
};
