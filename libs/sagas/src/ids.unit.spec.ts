import { derivedIds, derivedUuid, idempotencyKeyOf } from './ids';

describe('derived ids', () => {
  it('are the same UUID for the same saga and name, and differ otherwise', () => {
    const id = derivedUuid('checkout', 'order-1', 'payment');
    expect(derivedUuid('checkout', 'order-1', 'payment')).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(
      new Set([
        id,
        derivedUuid('checkout', 'order-1', 'reservation'),
        derivedUuid('checkout', 'order-2', 'payment'),
        derivedUuid('transfer', 'order-1', 'payment'),
      ]).size,
    ).toBe(4);
  });

  it('are derived per declared name', () => {
    expect(Object.keys(derivedIds('checkout', 'order-1', ['payment', 'refund']))).toEqual([
      'payment',
      'refund',
    ]);
  });
});

describe('idempotency keys', () => {
  it('name the saga and the step', () => {
    expect(idempotencyKeyOf('order-1', 'reserve-funds')).toBe('saga:order-1:reserve-funds');
  });

  it('stay within the services’ 128 characters for long ids, still per step', () => {
    const long = 'x'.repeat(200);
    const a = idempotencyKeyOf(long, 'a');
    expect(a.length).toBeLessThanOrEqual(128);
    expect(idempotencyKeyOf(long, 'a')).toBe(a);
    expect(idempotencyKeyOf(long, 'b')).not.toBe(a);
  });
});
