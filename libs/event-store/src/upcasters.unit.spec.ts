import { canonicalJson, currentSchemaVersion, hashEvents, upcast, type Upcasters } from './index';

const upcasters: Upcasters = {
  FundsDeposited: [
    (data) => ({ ...(data as object), currency: 'EUR' }), // v1 → v2: currency added
    (data) => {
      const { amount, ...rest } = data as { amount: number };
      return { ...rest, amountMinor: amount * 100 }; // v2 → v3: amount in minor units
    },
  ],
};

describe('upcasters', () => {
  it('the current schema version is the chain length + 1', () => {
    expect(currentSchemaVersion(upcasters, 'FundsDeposited')).toBe(3);
    expect(currentSchemaVersion(upcasters, 'AccountOpened')).toBe(1);
  });

  it('runs the chain from the stored version up to the current one', () => {
    expect(upcast(upcasters, 'FundsDeposited', 1, { amount: 5 })).toEqual({
      currency: 'EUR',
      amountMinor: 500,
    });
    expect(upcast(upcasters, 'FundsDeposited', 2, { amount: 5, currency: 'USD' })).toEqual({
      currency: 'USD',
      amountMinor: 500,
    });
    const current = { amountMinor: 1, currency: 'GBP' };
    expect(upcast(upcasters, 'FundsDeposited', 3, current)).toBe(current);
  });

  it('refuses data newer than the code knows', () => {
    expect(() => upcast(upcasters, 'FundsDeposited', 4, {})).toThrow(/newer than this code knows/);
  });
});

describe('request hashes', () => {
  it('ignore key order but not values, types or the stream', () => {
    const a = hashEvents('account-1', [{ type: 'T', data: { x: 1, y: [1, { b: 2, a: 1 }] } }]);
    expect(hashEvents('account-1', [{ type: 'T', data: { y: [1, { a: 1, b: 2 }], x: 1 } }])).toBe(
      a,
    );
    expect(
      hashEvents('account-1', [{ type: 'T', data: { x: 2, y: [1, { a: 1, b: 2 }] } }]),
    ).not.toBe(a);
    expect(
      hashEvents('account-1', [{ type: 'U', data: { x: 1, y: [1, { a: 1, b: 2 }] } }]),
    ).not.toBe(a);
    expect(
      hashEvents('account-2', [{ type: 'T', data: { x: 1, y: [1, { a: 1, b: 2 }] } }]),
    ).not.toBe(a);
    expect(canonicalJson({ b: 1, a: null })).toBe('{"a":null,"b":1}');
  });
});
