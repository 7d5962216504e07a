import { checkoutSaga } from './checkout-saga';

const saga = checkoutSaga({ paymentTimeoutMs: 1_000 });
const placed = {
  orderId: 'o-1',
  customerAccountId: 'c-1',
  merchantAccountId: 'm-1',
  totalMinor: 2500,
  currency: 'EUR',
};

describe('routing order events to checkouts', () => {
  it('starts a checkout per order on OrderPlaced', () => {
    expect(saga.route({ type: 'OrderPlaced', source: 'ledgerline/orders', data: placed })).toEqual({
      sagaId: 'o-1',
      starts: true,
      event: { type: 'OrderPlaced', ...placed },
    });
  });

  it('carries who placed the order into the checkout (older events without it start one too)', () => {
    expect(
      saga.route({
        type: 'OrderPlaced',
        source: 'ledgerline/orders',
        data: { ...placed, placedBy: 'alice' },
      }),
    ).toMatchObject({ event: { type: 'OrderPlaced', ...placed, placedBy: 'alice' } });
    expect(
      saga.route({
        type: 'OrderPlaced',
        source: 'ledgerline/orders',
        data: { ...placed, placedBy: 'ops', placerActsForAnyOwner: true },
      })?.event,
    ).toEqual({ type: 'OrderPlaced', ...placed, placedBy: 'ops', placerActsForAnyOwner: true });
    expect(
      saga.route({ type: 'OrderPlaced', source: 's', data: { ...placed, placedBy: 42 } })?.event,
    ).toEqual({ type: 'OrderPlaced', ...placed });
  });

  it('passes OrderCancelled to the existing checkout', () => {
    expect(
      saga.route({
        type: 'OrderCancelled',
        source: 'ledgerline/orders',
        data: { orderId: 'o-1', reason: 'changed mind', wasConfirmed: true },
      }),
    ).toEqual({
      sagaId: 'o-1',
      starts: false,
      event: { type: 'OrderCancelled', orderId: 'o-1', reason: 'changed mind', wasConfirmed: true },
    });
  });

  it('ignores other types and malformed data', () => {
    expect(saga.route({ type: 'OrderShipped', source: 's', data: placed })).toBeUndefined();
    expect(
      saga.route({ type: 'OrderPlaced', source: 's', data: { ...placed, totalMinor: '25' } }),
    ).toBeUndefined();
    expect(saga.route({ type: 'OrderPlaced', source: 's', data: null })).toBeUndefined();
  });
});
