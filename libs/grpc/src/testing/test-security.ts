import { loadConfig, securitySettings } from '@ledgerline/config';
import { serverSecurityFrom, type ServerSecurityParts } from '../auth/server-security';

/**
 * A test server's security, from the environment the test setup prepares (tools/jest-security.js:
 * the platform CA under TLS_DIR, the dev JWKS): tests run with mTLS and tokens on, like the
 * platform does.
 */
export const testServerSecurity = (workload: string): ServerSecurityParts =>
  serverSecurityFrom(loadConfig(securitySettings), workload);
