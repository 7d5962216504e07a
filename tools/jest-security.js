// Jest setup (jest.preset.js `setupFiles`; tools/bench.mjs too): tests and benchmarks call the platform the way clients must, over
// mTLS with a bearer token (README, "Security"). Before each test file it sets, only when unset:
//   GRPC_TLS=mtls, TLS_DIR=${LEDGERLINE_STACK_DIR:-<repo>/.stack}/pki, AUTH_JWKS=$TLS_DIR/jwt/jwks.json,
//   LEDGERLINE_TOKEN = an ES256 token of the development key for subject "test-suite" holding
//   every scope of proto/ledgerline/access.json, valid 2 hours.
// The key material is created (deploy/local/pki.mjs ensure) only when it is missing. TLS_IDENTITY
// is left alone: services started by tests use their own name, clients default to "operator".
// With GRPC_TLS=off nothing is created, but a token is still minted when the key exists.
// Signing uses node:crypto because setup files run synchronously (jose only signs async).
const { execFileSync } = require('node:child_process');
const { createPrivateKey, randomUUID, sign } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');

const repo = path.join(__dirname, '..');
const TOKEN_TTL_SECONDS = 2 * 3600;
const env = process.env;

const base64url = (value) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A compact ES256 JWS of `claims` (RFC 7515/7518: the signature is r||s, 64 bytes). */
const signEs256 = (claims, jwk) => {
  const input = `${base64url({ alg: 'ES256', typ: 'JWT', kid: jwk.kid })}.${base64url(claims)}`;
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
};

const testToken = (keyFile) => {
  const jwk = JSON.parse(readFileSync(keyFile, 'utf8'));
  const access = JSON.parse(readFileSync(path.join(repo, 'proto/ledgerline/access.json'), 'utf8'));
  const iat = Math.floor(Date.now() / 1000);
  return signEs256(
    {
      sub: 'test-suite',
      scope: Object.keys(access.scopes).join(' '),
      iss: env.AUTH_ISSUER || 'ledgerline-dev',
      aud: env.AUTH_AUDIENCE || 'ledgerline',
      iat,
      nbf: iat,
      exp: iat + TOKEN_TTL_SECONDS,
      jti: randomUUID(),
    },
    jwk,
  );
};

const tlsDir =
  env.TLS_DIR || path.join(env.LEDGERLINE_STACK_DIR || path.join(repo, '.stack'), 'pki');
const keyFile = path.join(tlsDir, 'jwt', 'signing-key.json');
const tlsOn = (env.GRPC_TLS || 'mtls') !== 'off';

if (tlsOn) {
  if (!existsSync(path.join(tlsDir, 'ca.crt')) || !existsSync(keyFile)) {
    // Concurrent workers may all get here on a clean clone: pki.mjs keeps whichever finished first.
    try {
      execFileSync(
        process.execPath,
        [path.join(repo, 'deploy/local/pki.mjs'), 'ensure', '--dir', tlsDir],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
          encoding: 'utf8',
        },
      );
    } catch (error) {
      throw new Error(
        `jest-security: creating the key material in ${tlsDir} failed: ${error.stderr || error.message}`,
      );
    }
  }
  env.GRPC_TLS ||= 'mtls';
  env.TLS_DIR ||= tlsDir;
}
if (existsSync(keyFile)) {
  env.AUTH_JWKS ||= path.join(tlsDir, 'jwt', 'jwks.json');
  env.LEDGERLINE_TOKEN ||= testToken(keyFile);
}

module.exports = { signEs256 };
