import { type CurrencyCode, personalPaths, unclassifiedStrings } from '@ledgerline/domain';
import type { PaymentEvent, PaymentEventType } from './events';
import { paymentEventPrivacy } from './privacy';

const facts = {
  paymentId: 'p-1',
  orderId: 'o-1',
  payerAccountId: 'a-1',
  payeeAccountId: 'a-2',
  currency: 'USD' as CurrencyCode,
  at: '2025-03-01T12:00:00.000Z',
  amount: 100,
};

// One sample per event type with every optional field present (a missing type fails to compile).
const samples: { readonly [T in PaymentEventType]: Extract<PaymentEvent, { type: T }>['data'] } = {
  PaymentCreated: { ...facts, ownerId: 'customer-1' },
  PaymentAuthorized: { ...facts, reservationId: 'r-1' },
  PaymentCaptured: { ...facts, reservationId: 'r-1' },
  PaymentFailed: { ...facts, reason: 'card declined', reservationId: 'r-1' },
  PaymentRefunded: {
    ...facts,
    refundId: 'rf-1',
    capturedAmount: 100,
    refundedTotal: 100,
    fullyRefunded: true,
  },
};

const personal: { readonly [T in PaymentEventType]: readonly string[] } = {
  PaymentCreated: [],
  PaymentAuthorized: [],
  PaymentCaptured: [],
  PaymentFailed: ['reason'],
  PaymentRefunded: [],
};

describe('payment events: which fields are personal', () => {
  it.each(Object.keys(samples) as PaymentEventType[])(
    '%s: every text field is classified, the personal ones as listed',
    (type) => {
      const declaration = paymentEventPrivacy[type];
      expect(unclassifiedStrings(declaration.fields, samples[type])).toEqual([]);
      expect(personalPaths(declaration.fields)).toEqual(personal[type]);
    },
  );

  it('PaymentCreated names the customer as subject; later events defer to the stream’s subject', () => {
    expect(paymentEventPrivacy.PaymentCreated.subject(samples.PaymentCreated)).toBe('customer-1');
    expect(paymentEventPrivacy.PaymentFailed.subject(samples.PaymentFailed)).toBeUndefined();
  });
});
