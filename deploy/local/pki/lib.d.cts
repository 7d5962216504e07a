// Types of lib.cjs for TypeScript callers (tests).
export interface Jwk {
  readonly kty: string;
  readonly kid?: string;
  readonly [member: string]: unknown;
}
export interface Jwks {
  readonly keys: readonly Jwk[];
}
export declare const TRUST_DOMAIN: string;
export declare const EXTRA_NAMES: readonly string[];
export declare function pkiNames(platform: { services?: readonly { name: unknown }[] }): string[];
export declare function spiffeId(name: string): string;
export declare function leafSubjectAltName(name: string): string;
export declare function opensslConfig(input: {
  dir: string;
  san?: string;
  crlDays?: number;
}): string;
export declare function jwkThumbprint(jwk: Jwk): string;
export declare function publicJwk(jwk: Jwk): Jwk;
export declare function signingJwk(exported: Jwk): Jwk & { kid: string; alg: 'ES256'; use: 'sig' };
export declare function rotatedJwks(
  jwks: Jwks | undefined,
  current: Jwk,
  options?: { dropOld?: boolean },
): { keys: Jwk[] };
export declare function parseCommandLine(
  argv: readonly string[],
  spec: Readonly<Record<string, 'string' | 'boolean'>>,
): { command: string | undefined; options: Record<string, string | true> };
