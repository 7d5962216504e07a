import { paymentUpcasters } from './upcasters';

const [createdV1toV2] = paymentUpcasters['PaymentCreated'] ?? [];

describe('PaymentCreated v1 → v2', () => {
  it('reads a v1 event without an owner as ownerId null', () => {
    expect(createdV1toV2?.({ paymentId: 'p', amount: 5 })).toEqual({
      paymentId: 'p',
      amount: 5,
      ownerId: null,
    });
  });

  it('keeps the owner a v1 event recorded', () => {
    expect(createdV1toV2?.({ paymentId: 'p', ownerId: 'alice' })).toEqual({
      paymentId: 'p',
      ownerId: 'alice',
    });
  });
});
