// The development JWT signing key of deploy/local/pki.mjs: jwt/signing-key.json (private ES256
// JWK, the key `platform auth token` and the test setup sign with) and jwt/jwks.json (the public
// keys services verify bearer tokens against; the current one first).
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { writeAtomic } from './ca.mjs';

const require = createRequire(import.meta.url);
const { rotatedJwks, signingJwk } = require('./lib.cjs');

export const signingKeyFile = (dir) => join(dir, 'jwt', 'signing-key.json');
export const jwksFile = (dir) => join(dir, 'jwt', 'jwks.json');

const newSigningJwk = () =>
  signingJwk(
    generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
  );

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);

/**
 * Makes a new signing key current. The JWKS keeps the previous public keys (tokens they signed
 * still verify until they expire) unless `dropOld`. The JWKS is written first: a service never
 * sees tokens from a key it cannot yet verify.
 */
export const rotateJwt = (dir, { dropOld = false } = {}) => {
  mkdirSync(join(dir, 'jwt'), { recursive: true });
  const key = newSigningJwk();
  const jwks = rotatedJwks(readJson(jwksFile(dir)), key, { dropOld });
  writeAtomic(jwksFile(dir), `${JSON.stringify(jwks, null, 2)}\n`);
  writeAtomic(signingKeyFile(dir), `${JSON.stringify(key, null, 2)}\n`, 0o600);
  return { kid: key.kid, keys: jwks.keys.map((k) => k.kid) };
};

/** Removes every public key but the current signing key's from the JWKS. */
export const pruneJwks = (dir) => {
  const key = readJson(signingKeyFile(dir));
  if (!key) throw new Error(`no signing key at ${signingKeyFile(dir)}; run pki.mjs ensure first`);
  const jwks = rotatedJwks(undefined, key, { dropOld: true });
  writeAtomic(jwksFile(dir), `${JSON.stringify(jwks, null, 2)}\n`);
  return { kid: key.kid };
};

export const hasJwt = (dir) => existsSync(signingKeyFile(dir)) && existsSync(jwksFile(dir));
