import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify } from 'jose';
import { runCli } from '../cli';
import { authGroup } from '../groups/auth';
import {
  buildClaims,
  expandScopes,
  knownScopes,
  parseTtl,
  productionMarker,
  signingKeyFile,
} from './mint-token';

const workspace = join(__dirname, '../../../..');
const access = join(workspace, 'proto/ledgerline/access.json');

describe('token claims', () => {
  const request = {
    subject: 'alice',
    scopes: ['accounts:read', 'funds:move'],
    ttlSeconds: 900,
    issuer: 'ledgerline-dev',
    audience: 'ledgerline',
  };

  it('holds subject, space-separated scopes, issuer, audience and a lifetime from now', () => {
    // given a request at a known instant (milliseconds are dropped: JWT dates are seconds)
    const now = new Date('2026-01-01T00:00:00.900Z');
    // when
    const claims = buildClaims(request, now, 'jti-1');
    // then
    expect(claims).toEqual({
      sub: 'alice',
      scope: 'accounts:read funds:move',
      iss: 'ledgerline-dev',
      aud: 'ledgerline',
      iat: 1_767_225_600,
      nbf: 1_767_225_600,
      exp: 1_767_225_600 + 900,
      jti: 'jti-1',
    });
  });

  it('reads lifetimes in seconds, minutes, hours and days', () => {
    expect([
      parseTtl('90'),
      parseTtl('90s'),
      parseTtl('15m'),
      parseTtl('2h'),
      parseTtl('1d'),
    ]).toEqual([90, 90, 900, 7_200, 86_400]);
    expect(() => parseTtl('0m')).toThrow(/positive/);
    expect(() => parseTtl('soon')).toThrow(/positive/);
  });

  it('expands all to every scope of access.json and refuses a scope it does not define', () => {
    const known = knownScopes(access);
    expect(known).toContain('accounts:read');
    expect(expandScopes('all', known)).toEqual(known);
    expect(expandScopes(' accounts:read,funds:move accounts:read ', known)).toEqual([
      'accounts:read',
      'funds:move',
    ]);
    expect(() => expandScopes('accounts:reed', known)).toThrow('unknown scope accounts:reed');
    expect(() => expandScopes('  ', known)).toThrow(/at least one scope/);
  });

  it('knows production from LEDGERLINE_ENV or NODE_ENV', () => {
    expect(productionMarker({ NODE_ENV: 'Production' })).toBe('NODE_ENV');
    expect(productionMarker({ LEDGERLINE_ENV: 'production' })).toBe('LEDGERLINE_ENV');
    expect(productionMarker({ NODE_ENV: 'test' })).toBeUndefined();
  });

  it('finds the key under TLS_DIR, else under the stack directory', () => {
    expect(signingKeyFile({ TLS_DIR: '/k' }, '/repo')).toBe('/k/jwt/signing-key.json');
    expect(signingKeyFile({ LEDGERLINE_STACK_DIR: '/s' }, '/repo')).toBe(
      '/s/pki/jwt/signing-key.json',
    );
    expect(signingKeyFile({}, '/repo')).toBe('/repo/.stack/pki/jwt/signing-key.json');
  });
});

describe('platform auth token', () => {
  const tlsDir = mkdtempSync(join(tmpdir(), 'ledgerline-cli-auth-'));
  const exported = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    format: 'jwk',
  }) as JWK;
  const key = { ...exported, kid: 'dev-1', alg: 'ES256', use: 'sig' };
  const { d: _d, ...publicKey } = key;
  mkdirSync(join(tlsDir, 'jwt'));
  writeFileSync(join(tlsDir, 'jwt/signing-key.json'), JSON.stringify(key));
  afterAll(() => rmSync(tlsDir, { recursive: true, force: true }));

  const platform = async (env: Record<string, string>, ...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, [authGroup], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      env: { TLS_DIR: tlsDir, ...env },
      workspace,
    });
    return { code, stdout, stderr };
  };

  it('prints only a token that verifies with the public key and carries the claims', async () => {
    // when
    const run = await platform({}, 'auth', 'token', '--sub', 'alice', '--scope', 'orders:read');
    // then
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const { payload, protectedHeader } = await jwtVerify(
      run.stdout.trim(),
      await importJWK(publicKey, 'ES256'),
      { issuer: 'ledgerline-dev', audience: 'ledgerline' },
    );
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: 'dev-1' });
    expect(payload).toMatchObject({ sub: 'alice', scope: 'orders:read' });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(payload.jti).toEqual(expect.any(String));
  });

  it('takes issuer and audience from the settings, and --kid into the header', async () => {
    const env = { AUTH_ISSUER: 'iss-x', AUTH_AUDIENCE: 'aud-x' };
    const run = await platform(env, 'auth', 'token', '--sub', 'a', '--scope', 'all', '--kid', 'k9');
    const { payload } = await jwtVerify(run.stdout.trim(), await importJWK(publicKey, 'ES256'));
    expect(payload).toMatchObject({ iss: 'iss-x', aud: 'aud-x' });
    expect(String(payload['scope']).split(' ')).toEqual(knownScopes(access));
    expect(decodeProtectedHeader(run.stdout.trim()).kid).toBe('k9');
  });

  it('prints token, expiry and scopes with --json', async () => {
    const before = Date.now();
    const run = await platform(
      {},
      'auth',
      'token',
      '--sub',
      'a',
      '--scope',
      'ops:sagas',
      '--ttl',
      '2h',
      '--json',
    );
    const data = JSON.parse(run.stdout) as { token: string; expiresAt: string; scopes: string[] };
    expect(data.scopes).toEqual(['ops:sagas']);
    expect(Date.parse(data.expiresAt) - before).toBeGreaterThan(7_190_000);
  });

  it('refuses to sign in production', async () => {
    const run = await platform(
      { NODE_ENV: 'production' },
      'auth',
      'token',
      '--sub',
      'a',
      '--scope',
      'all',
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'refusing to mint a token with the development key: NODE_ENV=production',
    );
  });

  it('says what is missing: an option, a known scope, the key', async () => {
    expect((await platform({}, 'auth', 'token', '--scope', 'all')).stderr).toContain(
      'missing --sub',
    );
    expect(await platform({}, 'auth', 'token', '--sub', 'a', '--scope', 'nope')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown scope nope') as unknown,
    });
    const noKey = await platform(
      { TLS_DIR: join(tlsDir, 'absent') },
      'auth',
      'token',
      '--sub',
      'a',
      '--scope',
      'all',
    );
    expect(noKey.stderr).toContain('no development signing key at');
  });
});
