import { resolveProtoDir } from '@ledgerline/proto';
import { loadAccessTable } from './access-table';
import { type CallAdmission, type AdmissionErrorMapper, type ServerSecurity } from './guard';
import { serverTls, type ServerTls, tlsFilesIn } from './tls';
import { createTokenVerifier } from './token-verifier';

/** The security settings of libs/config (`securitySettings`), as a service's config has them. */
export interface SecuritySettings {
  readonly GRPC_TLS: 'mtls' | 'off';
  readonly TLS_DIR: string;
  readonly TLS_IDENTITY: string;
  readonly AUTH_JWKS: string;
  readonly AUTH_ISSUER: string;
  readonly AUTH_AUDIENCE: string;
  readonly AUTH_CLOCK_TOLERANCE_SECONDS: number;
  readonly GRPC_REFLECTION: boolean;
}

export interface ServerSecurityParts {
  readonly security: ServerSecurity;
  readonly tls?: ServerTls;
  readonly reflection: boolean;
}

/** Builds what `startGrpcServer` needs from the settings; a missing file stops the start. */
export const serverSecurityFrom = (
  settings: SecuritySettings,
  name: string,
  admission?: { admission: CallAdmission; errors: AdmissionErrorMapper },
): ServerSecurityParts => {
  if (settings.AUTH_JWKS === '')
    throw new Error(
      'AUTH_JWKS is required: the JWKS that bearer tokens are verified against (npm run up makes .stack/pki/jwt/jwks.json)',
    );
  const mutualTls = settings.GRPC_TLS === 'mtls';
  if (mutualTls && settings.TLS_DIR === '')
    throw new Error('TLS_DIR is required when GRPC_TLS=mtls (npm run up makes .stack/pki)');
  const identity = settings.TLS_IDENTITY === '' ? name : settings.TLS_IDENTITY;
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
      ...(admission && { admission: admission.admission, admissionErrors: admission.errors }),
    },
    ...(mutualTls && { tls: serverTls(tlsFilesIn(settings.TLS_DIR, identity)) }),
    reflection: settings.GRPC_REFLECTION,
  };
};
