import { InvalidInput } from '@ledgerline/domain';
import { createCursorCodec, filterHash, pageSize } from './cursor';

const codec = createCursorCodec(['a-secret-of-sixteen-chars']);
const scope = { view: 'payments-by-payer', filterHash: filterHash({ payer: 'acct-1' }) };

const invalid = (decode: () => unknown) => {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error).toMatchObject({ field: 'pageToken' });
    return;
  }
  throw new Error('expected InvalidInput');
};

describe('a page cursor', () => {
  it('round-trips the sort values it was issued with', () => {
    const values = ['2026-01-01T00:00:00Z', 1250, true, null, 'payment-01HZ'];
    expect(codec.decodeCursor(codec.encodeCursor(values, scope), scope)).toEqual(values);
  });

  it('is opaque: URL-safe and without the values in clear', () => {
    const token = codec.encodeCursor(['payment-secret-id'], scope);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token).not.toContain('payment-secret-id');
  });

  it('is refused when its payload was changed', () => {
    const [, mac] = codec.encodeCursor([100, 'p-1'], scope).split('.');
    const forged = Buffer.from(JSON.stringify({ f: 1, k: [0, 'p-0'] })).toString('base64url');
    invalid(() => codec.decodeCursor(`${forged}.${mac}`, scope));
  });

  it('is refused when its signature was changed', () => {
    const [payload, mac] = codec.encodeCursor([100], scope).split('.') as [string, string];
    const flipped = (mac.startsWith('A') ? 'B' : 'A') + mac.slice(1);
    invalid(() => codec.decodeCursor(`${payload}.${flipped}`, scope));
  });

  it('is refused with other filters', () => {
    const token = codec.encodeCursor([100], scope);
    invalid(() =>
      codec.decodeCursor(token, { ...scope, filterHash: filterHash({ payer: 'acct-2' }) }),
    );
  });

  it('is refused by another view', () => {
    const token = codec.encodeCursor([100], scope);
    invalid(() => codec.decodeCursor(token, { ...scope, view: 'payments-by-payee' }));
  });

  it('is refused when signed with another secret', () => {
    const token = createCursorCodec(['another-secret-of-16-chars']).encodeCursor([1], scope);
    invalid(() => codec.decodeCursor(token, scope));
  });

  it('is accepted after a rotation while its secret is still listed', () => {
    const token = codec.encodeCursor([1], scope);
    const rotated = createCursorCodec(['the-new-secret-16-chars', 'a-secret-of-sixteen-chars']);
    expect(rotated.decodeCursor(token, scope)).toEqual([1]);
  });

  it.each(['', 'garbage', 'a.b.c', '.', 'x'.repeat(5_000)])('is refused when malformed: %j', (t) =>
    invalid(() => codec.decodeCursor(t, scope)),
  );

  it('names the request field it came from', () => {
    expect(() => codec.decodeCursor('nope', scope, 'after')).toThrow(/^after: /);
  });
});

describe('the filter hash', () => {
  it('does not depend on key order', () => {
    expect(filterHash({ a: 1, b: [2, 3] })).toBe(filterHash({ b: [2, 3], a: 1 }));
  });

  it('differs for different filters', () => {
    expect(filterHash({ a: 1 })).not.toBe(filterHash({ a: 2 }));
  });
});

describe('the page size', () => {
  const limits = { default: 50, max: 200 };

  it('is the default when none is asked', () => {
    expect(pageSize(0, limits)).toBe(50);
    expect(pageSize(undefined, limits)).toBe(50);
  });

  it('is what is asked within the cap', () => {
    expect(pageSize(20, limits)).toBe(20);
    expect(pageSize('200', limits)).toBe(200);
  });

  it('is capped', () => {
    expect(pageSize(10_000, limits)).toBe(200);
  });

  it.each([-1, 2.5, 'ten'])('refuses %j naming the field', (size) => {
    expect(() => pageSize(size, limits)).toThrow(/^pageSize: /);
  });
});
