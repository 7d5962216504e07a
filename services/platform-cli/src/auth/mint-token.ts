import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importJWK, type JWK, SignJWT } from 'jose';

/** What a development token says about its holder (the platform's JWT contract). */
export interface TokenClaims {
  readonly sub: string;
  /** Space-separated scopes of proto/ledgerline/access.json. */
  readonly scope: string;
  readonly iss: string;
  readonly aud: string;
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
  readonly jti: string;
}

export interface TokenRequest {
  readonly subject: string;
  readonly scopes: readonly string[];
  readonly ttlSeconds: number;
  readonly issuer: string;
  readonly audience: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_ISSUER = 'ledgerline-dev';
export const DEFAULT_AUDIENCE = 'ledgerline';
const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/** `90`, `90s`, `15m`, `2h`, `1d` → seconds. */
export const parseTtl = (text: string): number => {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * UNITS[match[2] || 's']! : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0)
    throw new RangeError(`a token lifetime is a positive number of s, m, h or d, not "${text}"`);
  return seconds;
};

/** Scopes from `--scope`: space- or comma-separated names of `known`, or `all` for every one. */
export const expandScopes = (requested: string, known: readonly string[]): string[] => {
  const names = requested.split(/[\s,]+/).filter(Boolean);
  if (names.length === 1 && names[0] === 'all') return [...known];
  const unknown = names.filter((s) => !known.includes(s));
  if (unknown.length)
    throw new RangeError(`unknown scope ${unknown.join(', ')}; see proto/ledgerline/access.json`);
  if (!names.length) throw new RangeError('name at least one scope, or all');
  return [...new Set(names)];
};

/** The claims of a token issued at `now` (whole seconds, as JWT numeric dates are). */
export const buildClaims = (request: TokenRequest, now: Date, jti: string): TokenClaims => {
  const iat = Math.floor(now.getTime() / 1_000);
  return {
    sub: request.subject,
    scope: request.scopes.join(' '),
    iss: request.issuer,
    aud: request.audience,
    iat,
    nbf: iat,
    exp: iat + request.ttlSeconds,
    jti,
  };
};

/** Dev keys must never sign a production token: the refusal names the variable that says so. */
export const productionMarker = (env: Env): string | undefined =>
  ['LEDGERLINE_ENV', 'NODE_ENV'].find((name) => env[name]?.toLowerCase() === 'production');

/** Where the development signing key is: $TLS_DIR/jwt/signing-key.json, TLS_DIR <stack>/pki. */
export const signingKeyFile = (env: Env, workspace: string): string => {
  const stack = env['LEDGERLINE_STACK_DIR'] || join(workspace, '.stack');
  return join(env['TLS_DIR'] || join(stack, 'pki'), 'jwt', 'signing-key.json');
};

export const readSigningKey = (file: string): JWK & { kid: string } => {
  if (!existsSync(file))
    throw new Error(
      `no development signing key at ${file}; create it with npm run up or ` +
        `node deploy/local/pki.mjs ensure --dir <TLS_DIR>`,
    );
  const key = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  if (key.kty !== 'EC' || typeof key.d !== 'string' || typeof key.kid !== 'string')
    throw new Error(`${file} is not a private EC JWK with a kid`);
  return key as JWK & { kid: string };
};

/** The scope names of access.json (`scopes` keys). */
export const knownScopes = (accessFile: string): string[] =>
  Object.keys((JSON.parse(readFileSync(accessFile, 'utf8')) as { scopes: object }).scopes);

/** Signs `claims` with the private JWK `key` (ES256); `kid` overrides the header's key id. */
export const signToken = async (
  claims: TokenClaims,
  key: JWK & { kid: string },
  kid: string = key.kid,
): Promise<string> =>
  new SignJWT({ scope: claims.scope })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid })
    .setSubject(claims.sub)
    .setIssuer(claims.iss)
    .setAudience(claims.aud)
    .setIssuedAt(claims.iat)
    .setNotBefore(claims.nbf)
    .setExpirationTime(claims.exp)
    .setJti(claims.jti)
    .sign(await importJWK(key, 'ES256'));

export interface MintedToken {
  readonly token: string;
  readonly claims: TokenClaims;
}

/** Reads the key, builds the claims and signs: the whole of `platform auth token`. */
export const mintToken = async (
  request: TokenRequest & { readonly keyFile: string; readonly kid?: string },
  now: Date = new Date(),
): Promise<MintedToken> => {
  const key = readSigningKey(request.keyFile);
  const claims = buildClaims(request, now, randomUUID());
  return { token: await signToken(claims, key, request.kid ?? key.kid), claims };
};
