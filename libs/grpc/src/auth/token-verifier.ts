import { readFileSync, statSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  jwtVerify,
} from 'jose';

/** Why a bearer token was refused; the text is safe to return to the caller. */
export class Unauthenticated extends Error {
  override readonly name = 'Unauthenticated';
  constructor(readonly reason: string) {
    super(`unauthenticated: ${reason}`);
  }
}

export interface VerifiedToken {
  readonly subject: string;
  readonly scopes: ReadonlySet<string>;
}

export interface TokenVerifier {
  verify(token: string): Promise<VerifiedToken>;
}

export interface TokenVerifierOptions {
  /** A JWKS file path or an http(s) URL. */
  readonly jwks: string;
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSeconds: number;
  readonly now?: () => number;
}

type KeySet = Parameters<typeof jwtVerify>[1];

/** Asymmetric algorithms only: an HMAC "key" from a JWKS would be a shared secret. */
const ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'];
/** How often a JWKS file is looked at for a rotation. */
const FILE_CHECK_MS = 1_000;

/**
 * A JWKS file is re-read when it changes (checked at most once a second, and at once when a
 * token names a key it does not hold), so keys rotate without a restart. A URL is fetched by
 * jose, which refetches on an unknown `kid` (at most every 30 s) and every 10 min.
 */
const fileKeySet = (path: string): KeySet => {
  let mtime = -1;
  let checkedAt = 0;
  let keys: KeySet | undefined;
  const load = (force: boolean) => {
    const now = Date.now();
    if (!force && keys && now - checkedAt < FILE_CHECK_MS) return keys;
    checkedAt = now;
    const current = statSync(path).mtimeMs;
    if (keys && current === mtime) return keys;
    mtime = current;
    keys = createLocalJWKSet(JSON.parse(readFileSync(path, 'utf8')) as JSONWebKeySet);
    return keys;
  };
  return async (header, token) => {
    try {
      return await load(false)(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      return load(true)(header, token);
    }
  };
};

const keySetOf = (jwks: string): KeySet =>
  /^https?:\/\//.test(jwks)
    ? createRemoteJWKSet(new URL(jwks), { cooldownDuration: 30_000, cacheMaxAge: 600_000 })
    : fileKeySet(jwks);

const reasonOf = (error: unknown): string => {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return error.claim === 'nbf' ? 'token not yet valid' : `token claim ${error.claim} rejected`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'token signed by an unknown key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'token signature invalid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'token algorithm not allowed';
  return 'malformed token';
};

const scopesOf = (payload: JWTPayload): ReadonlySet<string> => {
  const { scope, scp } = payload as { scope?: unknown; scp?: unknown };
  if (typeof scope === 'string') return new Set(scope.split(' ').filter(Boolean));
  if (Array.isArray(scp)) return new Set(scp.filter((s): s is string => typeof s === 'string'));
  return new Set();
};

/** Verified tokens are remembered this long at most (and never past their `exp`). */
export const VERIFIED_TOKEN_TTL_MS = 30_000;
const VERIFIED_TOKENS_MAX = 10_000;

/**
 * Verifies signature, `iss`, `aud`, `exp` (required), `nbf` (when present) and `sub`. A client
 * sends the same token on every call, so a verified one is remembered (by its exact text, for at
 * most VERIFIED_TOKEN_TTL_MS and never past its expiry): the signature check, the costly part, is
 * paid once per token and half-minute. A key removed from the JWKS stops verifying its tokens
 * within that time.
 */
export const createTokenVerifier = (options: TokenVerifierOptions): TokenVerifier => {
  const keys = keySetOf(options.jwks);
  const now = options.now ?? Date.now;
  const verified = new Map<string, { token: VerifiedToken; until: number }>();
  const remember = (text: string, token: VerifiedToken, expSeconds: number) => {
    if (verified.size >= VERIFIED_TOKENS_MAX) {
      const oldest = verified.keys().next();
      if (!oldest.done) verified.delete(oldest.value);
    }
    verified.set(text, {
      token,
      until: Math.min(now() + VERIFIED_TOKEN_TTL_MS, expSeconds * 1_000),
    });
  };
  const verifyOnce = async (token: string) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ALGORITHMS,
        clockTolerance: options.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
        currentDate: new Date(now()),
      }));
    } catch (error) {
      throw new Unauthenticated(reasonOf(error));
    }
    const subject = payload.sub;
    if (typeof subject !== 'string' || subject === '' || subject.length > 128)
      throw new Unauthenticated('token subject missing or too long');
    return { result: { subject, scopes: scopesOf(payload) }, exp: payload.exp ?? 0 };
  };
  const verify = async (token: string): Promise<VerifiedToken> => {
    const known = verified.get(token);
    if (known && known.until > now()) return known.token;
    if (known) verified.delete(token);
    const { result, exp } = await verifyOnce(token);
    remember(token, result, exp);
    return result;
  };
  return { verify };
};
