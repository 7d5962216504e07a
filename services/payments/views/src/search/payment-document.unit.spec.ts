import { type PaymentEvent } from '@ledgerline/payments-domain';
import {
  authorized,
  captured,
  created,
  createdFor,
  failed,
  refunded,
} from '../fixtures/payment-events';
import { type PaymentDocument, paymentDocument } from './payment-document';

/** given(events so far).when(next event).then(document after it) */
const given = (...history: PaymentEvent[]) => {
  const before = history.reduce<PaymentDocument | undefined>(
    (document, event, i) => paymentDocument(document, event, i + 1),
    undefined,
  );
  const next = (event: PaymentEvent) => () => paymentDocument(before, event, history.length + 1);
  return {
    when: (event: PaymentEvent) => ({
      then: (expected: Partial<PaymentDocument>) =>
        expect(next(event)()).toEqual({ ...before, ...expected }),
      thenThrows: (message: RegExp) => expect(next(event)).toThrow(message),
    }),
  };
};

describe('a payments index document', () => {
  it('starts from the creation with amounts in minor and major units', () =>
    given().when(created).then({
      paymentId: 'pay-1',
      orderId: 'ord-1',
      payerAccountId: 'payer-1',
      payeeAccountId: 'payee-1',
      currency: 'USD',
      amount: 1_250,
      amountMajor: 12.5,
      status: 'created',
      reservationId: null,
      capturedAmount: 0,
      refundedAmount: 0,
      failureReason: null,
      createdAt: '2025-03-01T10:00:00.000Z',
      authorizedAt: null,
      capturedAt: null,
      failedAt: null,
      refundedAt: null,
      updatedAt: '2025-03-01T10:00:00.000Z',
      streamVersion: 1,
    }));

  it('keeps earlier step times when captured', () =>
    given(created, authorized).when(captured).then({
      status: 'captured',
      capturedAmount: 1_250,
      capturedAt: '2025-03-01T10:02:00.000Z',
      updatedAt: '2025-03-01T10:02:00.000Z',
      streamVersion: 3,
    }));

  it('records the reason and the reservation to release when an authorized payment fails', () =>
    given(created, authorized).when(failed('account-frozen', 'res-1')).then({
      status: 'failed',
      failureReason: 'account-frozen',
      reservationId: 'res-1',
      failedAt: '2025-03-01T10:05:00.000Z',
      updatedAt: '2025-03-01T10:05:00.000Z',
      streamVersion: 3,
    }));

  it('totals refunds and is refunded once they reach the captured amount', () =>
    given(created, authorized, captured, refunded(250, 250, '2025-03-02T09:00:00.000Z'))
      .when(refunded(1_000, 1_250, '2025-03-03T09:00:00.000Z'))
      .then({
        status: 'refunded',
        refundedAmount: 1_250,
        refundedAt: '2025-03-03T09:00:00.000Z',
        updatedAt: '2025-03-03T09:00:00.000Z',
        streamVersion: 5,
      }));

  it('carries the customer it is for through every later event', () =>
    given(createdFor('cust-7'), authorized).when(captured).then({
      ownerId: 'cust-7',
      status: 'captured',
      capturedAmount: 1_250,
      capturedAt: '2025-03-01T10:02:00.000Z',
      updatedAt: '2025-03-01T10:02:00.000Z',
      streamVersion: 3,
    }));

  // A rebuilt document must equal the one the live index wrote before the field existed.
  it('has no ownerId at all (not null) when the creation named nobody', () => {
    const document = paymentDocument(paymentDocument(undefined, created, 1), authorized, 2);
    expect(Object.keys(document)).not.toContain('ownerId');
  });

  it('refuses a later event without the document its creation made', () =>
    given()
      .when(captured)
      .thenThrows(/no document to apply PaymentCaptured v1/));
});
