// tools/jest-security.js (a setup file of every project) ran before this file.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';

const repo = join(__dirname, '../..');

describe('the test suite’s security settings', () => {
  const mtls = process.env['GRPC_TLS'] === 'off' ? it.skip : it;

  mtls('calls with mTLS from the stack’s key material', () => {
    expect(process.env['GRPC_TLS']).toBe('mtls');
    const dir = process.env['TLS_DIR']!;
    expect(readFileSync(join(dir, 'ca.crt'), 'utf8')).toContain('BEGIN CERTIFICATE');
    expect(process.env['AUTH_JWKS']).toBe(join(dir, 'jwt/jwks.json'));
    // Services started by tests present their own certificate, not the operator's.
    expect(process.env['TLS_IDENTITY']).toBeUndefined();
  });

  it('holds a token of the development key with every scope, valid for two hours', async () => {
    const jwks = JSON.parse(readFileSync(process.env['AUTH_JWKS']!, 'utf8')) as JSONWebKeySet;
    const { payload, protectedHeader } = await jwtVerify(
      process.env['LEDGERLINE_TOKEN']!,
      createLocalJWKSet(jwks),
      { issuer: 'ledgerline-dev', audience: 'ledgerline', algorithms: ['ES256'] },
    );
    expect(protectedHeader.kid).toBe(jwks.keys[0]!.kid);
    const access = JSON.parse(readFileSync(join(repo, 'proto/ledgerline/access.json'), 'utf8')) as {
      scopes: object;
    };
    expect(payload).toMatchObject({
      sub: 'test-suite',
      scope: Object.keys(access.scopes).join(' '),
    });
    expect(payload.exp! - payload.iat!).toBe(7_200);
  });

  // Jest gives each test file a copy of process.env: children see it when given `env`, as the
  // repository's helpers (startProcess, execFile in the CLI tests) do.
  it('passes the settings on to child processes started with the test’s environment', () => {
    const seen = execFileSync(
      process.execPath,
      [
        '-e',
        'process.stdout.write(String(process.env.LEDGERLINE_TOKEN === process.argv[1]))',
        process.env['LEDGERLINE_TOKEN']!,
      ],
      { encoding: 'utf8', env: { ...process.env } },
    );
    expect(seen).toBe('true');
  });
});
