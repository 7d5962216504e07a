import { InvalidInput, NotFound, RuleViolation } from '@ledgerline/domain';
import {
  AMOUNT,
  PAYMENT_ID,
  REFUND_A,
  REFUND_B,
  authorized,
  captured,
  command,
  created,
  failed,
  givenPayment,
  refunded,
} from './testing';

const refund = (amount: number, refundId = REFUND_A) =>
  command('RefundPayment', { paymentId: PAYMENT_ID, refundId, amount });
const capturedPayment = [created, authorized, captured];

describe('RefundPayment', () => {
  it('refunds part of a captured payment', () => {
    givenPayment(...capturedPayment)
      .when(refund(1500))
      .then([refunded(REFUND_A, 1500, 1500)]);
  });

  it('refunds the rest of a partially refunded payment, fully refunding it', () => {
    givenPayment(...capturedPayment, refunded(REFUND_A, 1500, 1500))
      .when(refund(AMOUNT - 1500, REFUND_B))
      .then([refunded(REFUND_B, AMOUNT - 1500, AMOUNT)]);
  });

  it('refunds a captured payment in full at once', () => {
    givenPayment(...capturedPayment)
      .when(refund(AMOUNT))
      .then([refunded(REFUND_A, AMOUNT, AMOUNT)]);
  });

  it('never refunds more than was captured', () => {
    givenPayment(...capturedPayment)
      .when(refund(AMOUNT + 1))
      .thenThrows(RuleViolation, { rule: 'refund-exceeds-captured' });
  });

  it('never refunds more than is left after earlier refunds', () => {
    givenPayment(...capturedPayment, refunded(REFUND_A, 4000, 4000))
      .when(refund(1001, REFUND_B))
      .thenThrows(RuleViolation, { rule: 'refund-exceeds-captured' });
  });

  it('uses a refund id once', () => {
    givenPayment(...capturedPayment, refunded(REFUND_A, 1000, 1000))
      .when(refund(1000))
      .thenThrows(RuleViolation, { rule: 'refund-already-exists' });
  });

  it('reports a reused refund id even once fully refunded', () => {
    givenPayment(...capturedPayment, refunded(REFUND_A, AMOUNT, AMOUNT))
      .when(refund(1))
      .thenThrows(RuleViolation, { rule: 'refund-already-exists' });
  });

  it.each([
    ['created', [created]],
    ['authorized', [created, authorized]],
    ['failed', [created, failed()]],
    ['refunded', [...capturedPayment, refunded(REFUND_B, AMOUNT, AMOUNT)]],
  ])('refuses to refund a payment that is %s', (from, history) => {
    givenPayment(...history)
      .when(refund(1))
      .thenThrows(RuleViolation, {
        rule: 'illegal-transition',
        message: `payment ${PAYMENT_ID} cannot go from ${from} to refunded`,
      });
  });

  it('does not find a payment that was never created', () => {
    givenPayment().when(refund(1)).thenThrows(NotFound, { entity: 'payment', id: PAYMENT_ID });
  });

  it.each([
    ['refundId', refund(1, 'refund-1')],
    ['amount', refund(-5)],
    ['amount', refund(1.25)],
  ])('rejects an invalid %s', (field, invalid) => {
    givenPayment(...capturedPayment)
      .when(invalid)
      .thenThrows(InvalidInput, { field });
  });
});
