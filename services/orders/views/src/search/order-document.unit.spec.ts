import { type OrderEvent } from '@ledgerline/orders-domain';
import { cancelled, confirmed, lines, placed, placedBy, shipped } from '../fixtures/order-events';
import { type OrderDocument, orderDocument } from './order-document';

/** given(events so far).when(next event).then(document after it) */
const given = (...history: OrderEvent[]) => {
  const before = history.reduce<OrderDocument | undefined>(
    (document, event, i) => orderDocument(document, event, i + 1),
    undefined,
  );
  const next = (event: OrderEvent) => () => orderDocument(before, event, history.length + 1);
  return {
    when: (event: OrderEvent) => ({
      then: (expected: Partial<OrderDocument>) =>
        expect(next(event)()).toEqual({ ...before, ...expected }),
      thenThrows: (message: RegExp) => expect(next(event)).toThrow(message),
    }),
  };
};

describe('an orders index document', () => {
  it('carries the lines and the total in minor and major units from the placing', () =>
    given().when(placed).then({
      orderId: 'ord-1',
      customerId: 'cust-1',
      merchantId: 'merch-1',
      customerAccountId: 'cust-acct-1',
      merchantAccountId: 'merch-acct-1',
      currency: 'USD',
      totalMinor: 5_150,
      totalMajor: 51.5,
      status: 'placed',
      paymentId: null,
      cancelReason: null,
      carrier: null,
      trackingNumber: null,
      placedAt: '2025-03-01T10:00:00.000Z',
      confirmedAt: null,
      cancelledAt: null,
      shippedAt: null,
      updatedAt: '2025-03-01T10:00:00.000Z',
      streamVersion: 1,
      lineCount: 2,
      lines,
    }));

  it('keeps the lines and earlier step times through confirmation and shipment', () =>
    given(placed, confirmed).when(shipped).then({
      status: 'shipped',
      paymentId: 'pay-1',
      carrier: 'DHL',
      trackingNumber: 'JD0146',
      shippedAt: '2025-03-02T16:00:00.000Z',
      updatedAt: '2025-03-02T16:00:00.000Z',
      streamVersion: 3,
    }));

  it('records why an unpaid order was cancelled', () =>
    given(placed).when(cancelled(null)).then({
      status: 'cancelled',
      cancelReason: 'customer request',
      cancelledAt: '2025-03-03T09:00:00.000Z',
      updatedAt: '2025-03-03T09:00:00.000Z',
      streamVersion: 2,
    }));

  it('carries who placed the order through every later event', () =>
    given(placedBy('user-7'), confirmed).when(shipped).then({
      placedBy: 'user-7',
      status: 'shipped',
      paymentId: 'pay-1',
      carrier: 'DHL',
      trackingNumber: 'JD0146',
      shippedAt: '2025-03-02T16:00:00.000Z',
      updatedAt: '2025-03-02T16:00:00.000Z',
      streamVersion: 3,
    }));

  // A rebuilt document must equal the one the live index wrote before the field existed.
  it('has no placedBy at all (not null) when the placing named nobody', () => {
    const document = orderDocument(orderDocument(undefined, placed, 1), confirmed, 2);
    expect(Object.keys(document)).not.toContain('placedBy');
  });

  it('refuses a later event without the document its placing made', () =>
    given()
      .when(confirmed)
      .thenThrows(/no document to apply OrderConfirmed v1/));
});
