// deploy/local/pki.mjs against the real `openssl` CLI, in a temporary directory.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, importJWK, jwtVerify, SignJWT } from 'jose';
import { type Jwk, type Jwks, pkiNames } from './pki/lib.cjs';

const repo = join(__dirname, '../..');
const script = join(__dirname, 'pki.mjs');

const pki = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
const ok = async (...args: string[]) => {
  const run = await pki(...args);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  return run.stdout;
};
const cert = (file: string) => new X509Certificate(readFileSync(file));
const json = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;

describe('pki.mjs', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledgerline-pki-'));
  const dir = join(root, 'stack', 'pki');
  const names = pkiNames(json(join(repo, 'deploy/platform.json')));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeAll(async () => {
    // Two `ensure` at once into a directory that does not exist yet (two up.sh / test runs).
    const runs = await Promise.all([pki('ensure', '--dir', dir), pki('ensure', '--dir', dir)]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(runs.filter((r) => r.stdout.includes('pki: installed')).length).toBe(1);
  });

  it('leaves no temporary directory behind', () => {
    expect(readdirSync(join(root, 'stack'))).toEqual(['pki']);
  });

  it('issues every workload a certificate of the CA with its SPIFFE ID and local names', () => {
    const ca = cert(join(dir, 'ca.crt'));
    expect(ca.ca).toBe(true);
    for (const name of names) {
      const leaf = cert(join(dir, `${name}.crt`));
      expect(leaf.checkIssued(ca)).toBe(true);
      expect(leaf.verify(ca.publicKey)).toBe(true);
      expect(leaf.ca).toBe(false);
      expect(leaf.subjectAltName).toBe(
        `URI:spiffe://ledgerline.local/workload/${name}, DNS:localhost, DNS:${name}, IP Address:127.0.0.1`,
      );
      // The key file belongs to the certificate.
      expect(leaf.checkPrivateKey(createPrivateKey(readFileSync(join(dir, `${name}.key`))))).toBe(
        true,
      );
    }
    // openssl agrees (it also checks the EKU for both TLS roles).
    for (const purpose of ['sslserver', 'sslclient'])
      execFileSync('openssl', [
        'verify',
        '-purpose',
        purpose,
        '-CAfile',
        join(dir, 'ca.crt'),
        ...names.map((n) => join(dir, `${n}.crt`)),
      ]);
  });

  it('keeps private keys to their owner', () => {
    for (const file of ['ca.key', 'operator.key', 'jwt/signing-key.json'])
      expect((statSync(join(dir, file)).mode & 0o777).toString(8)).toBe('600');
  });

  it('signs tokens that verify against the published JWKS', async () => {
    const key = json<Jwk & { kid: string }>(join(dir, 'jwt/signing-key.json'));
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    const token = await new SignJWT({ scope: 'accounts:read' })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setExpirationTime('1m')
      .sign(await importJWK(key, 'ES256'));
    const jwks = json<Jwks>(join(dir, 'jwt/jwks.json'));
    expect(jwks.keys.every((k) => !('d' in k))).toBe(true);
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks as never));
    expect(payload['scope']).toBe('accounts:read');
  });

  it('adds only the certificate of a service new in platform.json', async () => {
    // given a platform with one more service
    const platform = join(root, 'platform.json');
    const current = json<{ services: { name: string }[] }>(join(repo, 'deploy/platform.json'));
    writeFileSync(
      platform,
      JSON.stringify({ services: [...current.services, { name: 'ledger-x' }] }),
    );
    const before = readFileSync(join(dir, 'accounts.crt'), 'utf8');
    // when
    const out = await ok('ensure', '--dir', dir, '--platform', platform);
    // then
    expect(out.trim()).toBe('pki: issued ledger-x.crt (new in platform.json)');
    expect(cert(join(dir, 'ledger-x.crt')).checkIssued(cert(join(dir, 'ca.crt')))).toBe(true);
    expect(readFileSync(join(dir, 'accounts.crt'), 'utf8')).toBe(before);
  });

  it('issues an expired certificate and revokes a certificate into crl.pem', async () => {
    const out = join(root, 'expired');
    await ok('issue', '--dir', dir, '--name', 'operator', '--expired', '--out', out);
    const expired = cert(join(out, 'operator.crt'));
    expect(Date.parse(expired.validTo)).toBeLessThan(Date.now());
    expect(expired.checkIssued(cert(join(dir, 'ca.crt')))).toBe(true);

    await ok('revoke', '--dir', dir, '--name', 'probe');
    const crl = execFileSync('openssl', ['crl', '-noout', '-text', '-in', join(dir, 'crl.pem')], {
      encoding: 'utf8',
    });
    expect(crl).toContain(`Serial Number: ${cert(join(dir, 'probe.crt')).serialNumber}`);
    expect(crl).not.toContain(`Serial Number: ${cert(join(dir, 'accounts.crt')).serialNumber}`);
    // The CRL is signed by the CA.
    const check = spawnSync(
      'openssl',
      ['crl', '-noout', '-in', join(dir, 'crl.pem'), '-CAfile', join(dir, 'ca.crt')],
      { encoding: 'utf8' },
    );
    expect(check.stderr.trim()).toBe('verify OK');
  });

  it('rotates the JWT key keeping the old public key, then drops it on request', async () => {
    const first = json<Jwk>(join(dir, 'jwt/signing-key.json')).kid;
    await ok('rotate-jwt', '--dir', dir);
    const second = json<Jwk>(join(dir, 'jwt/signing-key.json')).kid;
    expect(second).not.toBe(first);
    expect(json<Jwks>(join(dir, 'jwt/jwks.json')).keys.map((k) => k.kid)).toEqual([second, first]);
    await ok('rotate-jwt', '--dir', dir, '--drop-old');
    const third = json<Jwk>(join(dir, 'jwt/signing-key.json')).kid;
    expect(json<Jwks>(join(dir, 'jwt/jwks.json')).keys.map((k) => k.kid)).toEqual([third]);
  });

  it('makes a foreign CA whose operator certificate the platform CA did not issue', async () => {
    const foreign = join(root, 'foreign');
    await ok('foreign-ca', '--out', foreign);
    const operator = cert(join(foreign, 'operator.crt'));
    expect(operator.checkIssued(cert(join(foreign, 'ca.crt')))).toBe(true);
    expect(operator.checkIssued(cert(join(dir, 'ca.crt')))).toBe(false);
  });

  it('fails with a message when there is no CA', async () => {
    const run = await pki('issue', '--dir', join(root, 'nothing'), '--name', 'x');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no CA in');
  });
});
