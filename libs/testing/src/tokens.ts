import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importJWK, type JWK, SignJWT } from 'jose';

export interface MintTokenOptions {
  readonly sub: string;
  readonly scopes: readonly string[];
  /** Lifetime from now; negative for an already expired token. Default 10 min. */
  readonly ttlSeconds?: number;
  readonly issuer?: string;
  readonly audience?: string;
  /** `nbf` this many seconds from now (a token not yet valid). */
  readonly notBefore?: number;
  /** A private JWK file; default the platform's dev key, $TLS_DIR/jwt/signing-key.json. */
  readonly key?: string;
}

/** A bearer token as the platform's dev issuer (or a given key) signs it, for tests. */
export const mintToken = async (options: MintTokenOptions): Promise<string> => {
  const keyFile =
    options.key ?? join(process.env['TLS_DIR'] ?? '.stack/pki', 'jwt', 'signing-key.json');
  const jwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  const alg = jwk.alg ?? 'ES256';
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ scope: options.scopes.join(' ') })
    .setProtectedHeader({ alg, ...(jwk.kid !== undefined && { kid: jwk.kid }) })
    .setSubject(options.sub)
    .setIssuer(options.issuer ?? process.env['AUTH_ISSUER'] ?? 'ledgerline-dev')
    .setAudience(options.audience ?? process.env['AUTH_AUDIENCE'] ?? 'ledgerline')
    .setIssuedAt(now)
    .setJti(randomUUID())
    .setExpirationTime(now + (options.ttlSeconds ?? 600));
  if (options.notBefore !== undefined) jwt = jwt.setNotBefore(now + options.notBefore);
  return jwt.sign(await importJWK(jwk, alg));
};
