import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadConfig, securitySettings } from '@ledgerline/config';
import { mintToken, workspaceRoot } from '@ledgerline/testing';
import { unary } from '../unary-call';
import { startProbeServer } from '../testing/probe-server';
import { callerOf } from './caller';
import { clientAuthFromEnv, workloadClientAuth } from './client-auth';
import { serverSecurityFrom } from './server-security';

// A PKI of this test's own: it revokes certificates and rotates keys.
const dir = mkdtempSync(join(tmpdir(), 'ledgerline-guard-'));
const pki = (...args: string[]) =>
  execFileSync('node', [join(workspaceRoot, 'deploy/local/pki.mjs'), ...args], {
    encoding: 'utf8',
  });
const settings = () =>
  loadConfig(securitySettings, {
    GRPC_TLS: 'mtls',
    TLS_DIR: dir,
    AUTH_JWKS: join(dir, 'jwt', 'jwks.json'),
  });
const env = { GRPC_TLS: 'mtls', TLS_DIR: dir };
const signingKey = join(dir, 'jwt', 'signing-key.json');

let probe: Awaited<ReturnType<typeof startProbeServer>>;
const seen: { subject: string | undefined }[] = [];

beforeAll(async () => {
  pki('ensure', '--dir', dir);
  probe = await startProbeServer(
    ({ message }, call) => {
      seen.push({ subject: callerOf(call.metadata)?.subject });
      return { message };
    },
    { security: serverSecurityFrom(settings(), 'probe') },
  );
});
afterAll(async () => {
  await probe.stop();
  rmSync(dir, { recursive: true, force: true });
});

const echoWith = async (token: string | undefined, identity = 'operator') => {
  const base = workloadClientAuth({ ...settings(), TLS_IDENTITY: identity }, identity);
  const client = probe.client({
    auth: token === undefined ? base : { ...base, token },
    retries: 0,
  });
  try {
    await unary(client, 'Echo', { message: 'hi' });
    return 'OK';
  } catch (error) {
    return grpc.status[(error as { code: grpc.status }).code];
  } finally {
    client.close();
  }
};

const mint = (overrides: Partial<Parameters<typeof mintToken>[0]> = {}) =>
  mintToken({ sub: 'alice', scopes: ['probe:echo'], key: signingKey, ...overrides });

describe('the call guard', () => {
  it.each([
    ['no token', 'UNAUTHENTICATED', () => Promise.resolve(undefined)],
    ['a malformed token', 'UNAUTHENTICATED', () => Promise.resolve('not-a-jwt')],
    ['an expired token', 'UNAUTHENTICATED', () => mint({ ttlSeconds: -120 })],
    ['a token not yet valid', 'UNAUTHENTICATED', () => mint({ notBefore: 600 })],
    ['a token from another issuer', 'UNAUTHENTICATED', () => mint({ issuer: 'someone-else' })],
    ['a token for another audience', 'UNAUTHENTICATED', () => mint({ audience: 'other-api' })],
    ['a token without the scope', 'PERMISSION_DENIED', () => mint({ scopes: ['orders:read'] })],
    ['a valid token', 'OK', () => mint()],
  ])('answers %s with %s', async (_, expected, token) => {
    expect(await echoWith(await token())).toBe(expected);
  });

  it('refuses a token signed by a key the JWKS does not hold', async () => {
    const other = mkdtempSync(join(tmpdir(), 'ledgerline-other-'));
    try {
      pki('ensure', '--dir', other);
      const forged = await mint({ key: join(other, 'jwt', 'signing-key.json') });

      expect(await echoWith(forged)).toBe('UNAUTHENTICATED');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('records the token subject as the caller, whatever x-actor says', async () => {
    seen.length = 0;
    const base = workloadClientAuth({ ...settings(), TLS_IDENTITY: 'operator' }, 'operator');
    const client = probe.client({ auth: { ...base, token: await mint({ sub: 'bob' }) } });
    const metadata = new grpc.Metadata();
    metadata.set('x-actor', 'mallory');
    await unary(client, 'Echo', { message: 'hi' }, { metadata });
    client.close();

    expect(seen).toEqual([{ subject: 'bob' }]);
  });

  it('takes a workload certificate without a token as that workload, with its scopes only', async () => {
    expect(await echoWith(undefined, 'probe')).toBe('OK'); // probe holds probe:echo
    expect(await echoWith(undefined, 'accounts')).toBe('UNAUTHENTICATED'); // holds no scopes
  });

  it('accepts tokens of a rotated key without a restart', async () => {
    pki('rotate-jwt', '--dir', dir);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the JWKS file is checked each second

    expect(await echoWith(await mint())).toBe('OK'); // signed with the new key
  });
});

describe('mutual TLS', () => {
  const connect = async (auth: ReturnType<typeof clientAuthFromEnv>) => {
    const client = probe.client({ auth: { ...auth, token: await mint() }, retries: 0 });
    try {
      await unary(client, 'Echo', { message: 'hi' }, { deadlineMs: 2_000 });
      return 'OK';
    } catch (error) {
      return grpc.status[(error as { code: grpc.status }).code];
    } finally {
      client.close();
    }
  };
  const tlsWith = (certDir: string, name: string) =>
    grpc.credentials.createSsl(
      readFileSync(join(dir, 'ca.crt')),
      readFileSync(join(certDir, `${name}.key`)),
      readFileSync(join(certDir, `${name}.crt`)),
    );

  it('refuses a client without a certificate', async () => {
    const credentials = grpc.credentials.createSsl(readFileSync(join(dir, 'ca.crt')));

    expect(await connect({ credentials })).toBe('UNAVAILABLE');
  });

  it('refuses a certificate from another CA', async () => {
    const foreign = mkdtempSync(join(tmpdir(), 'ledgerline-foreign-'));
    try {
      pki('foreign-ca', '--out', foreign);

      expect(await connect({ credentials: tlsWith(foreign, 'operator') })).toBe('UNAVAILABLE');
    } finally {
      rmSync(foreign, { recursive: true, force: true });
    }
  });

  it('refuses an expired certificate', async () => {
    const expired = mkdtempSync(join(tmpdir(), 'ledgerline-expired-'));
    try {
      pki('issue', '--dir', dir, '--name', 'late', '--expired', '--out', expired);

      expect(await connect({ credentials: tlsWith(expired, 'late') })).toBe('UNAVAILABLE');
    } finally {
      rmSync(expired, { recursive: true, force: true });
    }
  });

  it('refuses a revoked certificate once the CRL is published, without a restart', async () => {
    const revoked = mkdtempSync(join(tmpdir(), 'ledgerline-revoked-'));
    try {
      pki('issue', '--dir', dir, '--name', 'leaver', '--out', revoked);
      expect(await connect({ credentials: tlsWith(revoked, 'leaver') })).toBe('OK');

      pki('revoke', '--dir', dir, '--cert', join(revoked, 'leaver.crt'));
      // the server re-reads its TLS files every 5 s; new connections then see the CRL
      await new Promise((resolve) => setTimeout(resolve, 5_500));

      expect(await connect({ credentials: tlsWith(revoked, 'leaver') })).toBe('UNAVAILABLE');
    } finally {
      rmSync(revoked, { recursive: true, force: true });
    }
  });

  it('serves a client presenting a platform certificate', async () => {
    expect(await connect(clientAuthFromEnv(env))).toBe('OK');
  });
});
