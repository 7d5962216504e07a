import { bool, int, oneOf, str } from './settings';

/**
 * Who may call a service, and how it proves it (docs/adr/0019). Shared by every service and
 * client so one environment configures a whole platform.
 */
export const securitySettings = {
  LEDGERLINE_ENV: oneOf(['development', 'production'], {
    description:
      'production refuses the development secrets (dev token issuer, dev cursor secret); NODE_ENV=production counts too',
    default: 'development',
  }),
  NODE_ENV: str({
    description: 'Node.js environment; production counts as LEDGERLINE_ENV',
    default: '',
  }),
  GRPC_TLS: oneOf(['mtls', 'off'], {
    description:
      'mtls: every connection is TLS and presents a certificate of the platform CA; off: plaintext (only behind a mesh that does mTLS), bearer tokens still required',
    default: 'mtls',
  }),
  TLS_DIR: str({
    description:
      'folder with ca.crt, <identity>.crt, <identity>.key and optionally crl.pem (npm run up makes one under .stack/pki)',
    default: '',
  }),
  TLS_IDENTITY: str({
    description:
      'which certificate in TLS_DIR this process presents; default: the service name (clients: operator)',
    default: '',
  }),
  AUTH_JWKS: str({
    description: 'JWKS that bearer tokens are verified against: a file path or an http(s) URL',
    default: '',
  }),
  AUTH_ISSUER: str({ description: 'required `iss` of bearer tokens', default: 'ledgerline-dev' }),
  AUTH_AUDIENCE: str({ description: 'required `aud` of bearer tokens', default: 'ledgerline' }),
  AUTH_CLOCK_TOLERANCE_SECONDS: int({
    description: 'clock skew allowed when checking exp and nbf',
    default: 30,
    min: 0,
    max: 300,
  }),
  GRPC_HEALTH_PORT: int({
    description:
      'a second, plaintext port serving only grpc.health.v1 (Kubernetes gRPC probes cannot present a client certificate); 0: none',
    default: 0,
    min: 0,
    max: 65_535,
  }),
  GRPC_REFLECTION: bool({
    description: 'serve gRPC server reflection (off by default: it lists every method)',
    default: false,
  }),
};

/** The issuer `platform auth token` signs as: never to be trusted in production. */
export const DEV_TOKEN_ISSUER = 'ledgerline-dev';

export const isProduction = (config: { LEDGERLINE_ENV: string; NODE_ENV: string }): boolean =>
  config.LEDGERLINE_ENV === 'production' || config.NODE_ENV === 'production';
