import { InvalidInput, NotFound, RuleViolation } from '@ledgerline/domain';
import type { CreatePayment } from './commands';
import {
  AMOUNT,
  NOW,
  ORDER_ID,
  PAYEE_ACCOUNT_ID,
  PAYER_ACCOUNT_ID,
  PAYMENT_ID,
  REFUND_A,
  RESERVATION_ID,
  USD,
  authorized,
  captured,
  command,
  created,
  facts,
  failed,
  givenPayment,
  refunded,
} from './testing';

const create = (data: Partial<CreatePayment['data']> = {}) =>
  command('CreatePayment', {
    paymentId: PAYMENT_ID,
    orderId: ORDER_ID,
    payerAccountId: PAYER_ACCOUNT_ID,
    payeeAccountId: PAYEE_ACCOUNT_ID,
    amount: AMOUNT,
    currency: 'USD',
    ...data,
  });
const authorize = (reservationId = RESERVATION_ID) =>
  command('AuthorizePayment', { paymentId: PAYMENT_ID, reservationId });
const capture = command('CapturePayment', { paymentId: PAYMENT_ID });
const fail = (reason = 'card declined') =>
  command('FailPayment', { paymentId: PAYMENT_ID, reason });

describe('CreatePayment', () => {
  it('creates a payment on an empty stream', () => {
    givenPayment()
      .when(create())
      .then([
        {
          type: 'PaymentCreated',
          data: { ...facts, amount: AMOUNT, currency: USD, ownerId: null, at: NOW },
        },
      ]);
  });

  it('records whose payment it is when the service names an owner', () => {
    givenPayment()
      .when(create({ ownerId: 'alice' }))
      .then([
        {
          type: 'PaymentCreated',
          data: { ...facts, amount: AMOUNT, currency: USD, ownerId: 'alice', at: NOW },
        },
      ]);
  });

  it('refuses an owner a header could not carry', () => {
    givenPayment()
      .when(create({ ownerId: 'a'.repeat(129) }))
      .thenThrows(InvalidInput, { field: 'ownerId' });
  });

  it('refuses to create a payment twice', () => {
    givenPayment(created).when(create()).thenThrows(RuleViolation, { rule: 'already-exists' });
  });

  it('refuses to recreate a failed payment', () => {
    givenPayment(created, failed())
      .when(create())
      .thenThrows(RuleViolation, { rule: 'already-exists' });
  });

  it.each([
    ['paymentId', { paymentId: '' }],
    ['orderId', { orderId: 'order-1' }],
    ['payerAccountId', { payerAccountId: 'x' }],
    ['payeeAccountId', { payeeAccountId: 'y' }],
    ['payeeAccountId', { payeeAccountId: PAYER_ACCOUNT_ID.toUpperCase() }],
    ['amount', { amount: 0 }],
    ['amount', { amount: 0.5 }],
    ['currency', { currency: 'EURO' }],
  ])('rejects an invalid %s', (field, data) => {
    givenPayment().when(create(data)).thenThrows(InvalidInput, { field });
  });
});

describe('AuthorizePayment', () => {
  it('authorizes a created payment with its reservation', () => {
    givenPayment(created).when(authorize()).then([authorized]);
  });

  it('does not find a payment that was never created', () => {
    givenPayment().when(authorize()).thenThrows(NotFound, { entity: 'payment', id: PAYMENT_ID });
  });

  it.each([
    ['authorized', [created, authorized]],
    ['captured', [created, authorized, captured]],
    ['failed', [created, failed()]],
  ])('refuses to authorize a payment that is %s', (from, history) => {
    givenPayment(...history)
      .when(authorize())
      .thenThrows(RuleViolation, {
        rule: 'illegal-transition',
        message: `payment ${PAYMENT_ID} cannot go from ${from} to authorized`,
      });
  });

  it('rejects an invalid reservationId', () => {
    givenPayment(created)
      .when(authorize('r-1'))
      .thenThrows(InvalidInput, { field: 'reservationId' });
  });
});

describe('CapturePayment', () => {
  it('captures an authorized payment in full', () => {
    givenPayment(created, authorized).when(capture).then([captured]);
  });

  it('does not find a payment that was never created', () => {
    givenPayment().when(capture).thenThrows(NotFound, { entity: 'payment' });
  });

  it.each([
    ['created', [created]],
    ['captured', [created, authorized, captured]],
    ['refunded', [created, authorized, captured, refunded(REFUND_A, AMOUNT, AMOUNT)]],
    ['failed', [created, authorized, failed(RESERVATION_ID)]],
  ])('refuses to capture a payment that is %s', (from, history) => {
    givenPayment(...history)
      .when(capture)
      .thenThrows(RuleViolation, {
        rule: 'illegal-transition',
        message: `payment ${PAYMENT_ID} cannot go from ${from} to captured`,
      });
  });

  it('rejects an invalid paymentId', () => {
    givenPayment()
      .when(command('CapturePayment', { paymentId: 'p' }))
      .thenThrows(InvalidInput, { field: 'paymentId' });
  });
});

describe('FailPayment', () => {
  it('fails a created payment with nothing to release', () => {
    givenPayment(created)
      .when(fail())
      .then([failed(null)]);
  });

  it('fails an authorized payment naming the reservation to release', () => {
    givenPayment(created, authorized)
      .when(fail())
      .then([failed(RESERVATION_ID)]);
  });

  it('does not find a payment that was never created', () => {
    givenPayment().when(fail()).thenThrows(NotFound, { entity: 'payment' });
  });

  it.each([
    ['captured', [created, authorized, captured]],
    ['partially_refunded', [created, authorized, captured, refunded(REFUND_A, 1, 1)]],
    ['failed', [created, failed()]],
  ])('refuses to fail a payment that is %s', (from, history) => {
    givenPayment(...history)
      .when(fail())
      .thenThrows(RuleViolation, {
        rule: 'illegal-transition',
        message: `payment ${PAYMENT_ID} cannot go from ${from} to failed`,
      });
  });

  it.each(['', ' ', 'r'.repeat(501)])('rejects the reason %p', (reason) => {
    givenPayment(created).when(fail(reason)).thenThrows(InvalidInput, { field: 'reason' });
  });
});
