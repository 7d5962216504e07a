import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidInput } from '@ledgerline/domain';
import { canonicalJson, sha256 } from '@ledgerline/event-store';

/** A sort value a page ends on (keyset / `search_after`). */
export type CursorValue = string | number | boolean | null;

/** What a cursor is only valid for: one view and one filter. */
export interface CursorScope {
  readonly view: string;
  /** `filterHash(filters)` of the request the page answered. */
  readonly filterHash: string;
}

export interface CursorCodec {
  encodeCursor(values: readonly CursorValue[], scope: CursorScope): string;
  /** Throws InvalidInput(field, …) for anything this service did not issue for this scope. */
  decodeCursor(token: string, scope: CursorScope, field?: string): CursorValue[];
}

const MAX_TOKEN_LENGTH = 2_048;
const FORMAT = 1;

/** A stable hash of a request's filters (key order does not matter), to scope its cursors. */
export const filterHash = (filters: unknown): string =>
  sha256(canonicalJson(filters ?? null)).slice(0, 32);

const isCursorValue = (value: unknown): value is CursorValue =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

/**
 * Opaque page tokens: base64url JSON of the page's last sort values, then an HMAC-SHA256 over
 * the view, the filter hash and that payload. A caller can neither forge one nor reuse one with
 * other filters or another view. The first secret signs; all verify, so a secret can be rotated.
 */
export const createCursorCodec = (secrets: readonly string[]): CursorCodec => {
  const [signing] = secrets;
  if (!signing) throw new Error('cursor: at least one secret is required');
  const mac = (secret: string, scope: CursorScope, payload: string): Buffer =>
    createHmac('sha256', secret).update(`${scope.view}\n${scope.filterHash}\n${payload}`).digest();
  return {
    encodeCursor(values, scope) {
      if (!values.every(isCursorValue))
        throw new TypeError('cursor: values must be strings, finite numbers, booleans or null');
      const payload = Buffer.from(JSON.stringify({ f: FORMAT, k: values })).toString('base64url');
      return `${payload}.${mac(signing, scope, payload).toString('base64url')}`;
    },
    decodeCursor(token, scope, field = 'pageToken') {
      const invalid = () => new InvalidInput(field, 'is not a page token issued for this query');
      if (token.length > MAX_TOKEN_LENGTH) throw invalid();
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined) throw invalid();
      const given = Buffer.from(signature, 'base64url');
      const valid = secrets.some((secret) => {
        const expected = mac(secret, scope, payload);
        return given.length === expected.length && timingSafeEqual(given, expected);
      });
      if (!valid) throw invalid();
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw invalid();
      }
      const { f, k } = (decoded ?? {}) as { f?: unknown; k?: unknown };
      if (f !== FORMAT || !Array.isArray(k) || !k.every(isCursorValue)) throw invalid();
      return k;
    },
  };
};

export interface PageSizeLimits {
  readonly default: number;
  readonly max: number;
}

/**
 * The page size to use: the default when none (0) is asked, at most `max` (a larger request is
 * served at the cap, as AIP-158 suggests); negative or fractional sizes are the caller's mistake.
 */
export const pageSize = (
  requested: number | string | null | undefined,
  limits: PageSizeLimits = { default: 50, max: 200 },
  field = 'pageSize',
): number => {
  const value = Number(requested ?? 0);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new InvalidInput(field, `must be a non-negative integer, got ${String(requested)}`);
  return value === 0 ? limits.default : Math.min(value, limits.max);
};
