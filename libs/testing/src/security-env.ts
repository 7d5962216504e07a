/** The security settings tools/jest-security.js prepared for this run. */
const SECURITY_VARIABLES = [
  'GRPC_TLS',
  'TLS_DIR',
  'AUTH_JWKS',
  'AUTH_ISSUER',
  'AUTH_AUDIENCE',
] as const;

/**
 * What a service a test starts with an explicit environment needs to serve like the platform
 * does: mTLS with the test PKI and the dev JWKS. Tests run with security on.
 */
export const securityEnv = (): Record<string, string> =>
  Object.fromEntries(
    SECURITY_VARIABLES.flatMap((name) => {
      const value = process.env[name];
      return value === undefined || value === '' ? [] : [[name, value]];
    }),
  );
