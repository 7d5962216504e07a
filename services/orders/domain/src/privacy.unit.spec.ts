import { type CurrencyCode, personalPaths, unclassifiedStrings } from '@ledgerline/domain';
import type { OrderEvent, OrderEventType } from './events';
import { orderEventPrivacy } from './privacy';

const facts = {
  orderId: 'o-1',
  customerId: 'customer-1',
  merchantId: 'merchant-1',
  totalMinor: 3000,
  currency: 'USD' as CurrencyCode,
  at: '2025-03-01T12:00:00.000Z',
};

// One sample per event type with every optional field present (a missing type fails to compile).
const samples: { readonly [T in OrderEventType]: Extract<OrderEvent, { type: T }>['data'] } = {
  OrderPlaced: {
    ...facts,
    customerAccountId: 'a-1',
    merchantAccountId: 'a-2',
    lines: [
      { sku: 'MUG', description: 'a mug', quantity: 1, unitPriceMinor: 3000, lineTotalMinor: 3000 },
    ],
    placedBy: 'user-1',
    placerActsForAnyOwner: true,
  },
  OrderConfirmed: { ...facts, paymentId: 'p-1' },
  OrderCancelled: { ...facts, reason: 'changed my mind', wasConfirmed: true, paymentId: 'p-1' },
  OrderShipped: { ...facts, paymentId: 'p-1', carrier: 'DHL', trackingNumber: 'JD01' },
};

const personal: { readonly [T in OrderEventType]: readonly string[] } = {
  OrderPlaced: ['lines[].description'],
  OrderConfirmed: [],
  OrderCancelled: ['reason'],
  OrderShipped: ['carrier', 'trackingNumber'],
};

describe('order events: which fields are personal', () => {
  it.each(Object.keys(samples) as OrderEventType[])(
    '%s: every text field is classified, the personal ones are the customer’s',
    (type) => {
      const declaration = orderEventPrivacy[type];
      expect(unclassifiedStrings(declaration.fields, samples[type])).toEqual([]);
      expect(personalPaths(declaration.fields)).toEqual(personal[type]);
      expect((declaration.subject as (data: unknown) => string | undefined)(samples[type])).toBe(
        'customer-1',
      );
    },
  );

  it('reports a text field the classification does not mark', () => {
    const data = { ...samples.OrderConfirmed, note: 'new free text' };
    expect(unclassifiedStrings(orderEventPrivacy.OrderConfirmed.fields, data)).toEqual(['note']);
  });
});
