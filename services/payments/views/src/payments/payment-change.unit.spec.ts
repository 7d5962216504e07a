import { type PaymentEvent } from '@ledgerline/payments-domain';
import {
  authorized,
  captured,
  created,
  createdFor,
  failed,
  refunded,
} from '../fixtures/payment-events';
import { type PaymentChange, paymentChange } from './payment-change';

const when = (event: PaymentEvent) => ({
  then: (expected: PaymentChange) => expect(paymentChange(event)).toEqual(expected),
});

describe('payment row changes', () => {
  it('inserts the whole row, nothing captured or refunded yet, on creation', () =>
    when(created).then({
      kind: 'insert',
      row: {
        payment_id: 'pay-1',
        order_id: 'ord-1',
        payer_account_id: 'payer-1',
        payee_account_id: 'payee-1',
        amount: 1_250,
        currency: 'USD',
        status: 'created',
        reservation_id: null,
        captured_amount: 0,
        refunded_amount: 0,
        failure_reason: null,
        created_at: '2025-03-01T10:00:00.000Z',
        authorized_at: null,
        captured_at: null,
        failed_at: null,
        refunded_at: null,
        updated_at: '2025-03-01T10:00:00.000Z',
        owner_id: null,
      },
    }));

  it('records the customer the payment is for, when the event names them', () =>
    expect(paymentChange(createdFor('cust-7'))).toMatchObject({
      kind: 'insert',
      row: { owner_id: 'cust-7' },
    }));

  it('sets only what each later step decides', () => {
    when(authorized).then({
      kind: 'update',
      paymentId: 'pay-1',
      set: {
        status: 'authorized',
        reservation_id: 'res-1',
        authorized_at: '2025-03-01T10:01:00.000Z',
        updated_at: '2025-03-01T10:01:00.000Z',
      },
    });
    when(captured).then({
      kind: 'update',
      paymentId: 'pay-1',
      set: {
        status: 'captured',
        captured_amount: 1_250,
        captured_at: '2025-03-01T10:02:00.000Z',
        updated_at: '2025-03-01T10:02:00.000Z',
      },
    });
    when(failed('insufficient-funds', null)).then({
      kind: 'update',
      paymentId: 'pay-1',
      set: {
        status: 'failed',
        failure_reason: 'insufficient-funds',
        reservation_id: null,
        failed_at: '2025-03-01T10:05:00.000Z',
        updated_at: '2025-03-01T10:05:00.000Z',
      },
    });
  });

  it('is partially refunded until the refunds add up to the captured amount', () => {
    const at = '2025-03-02T09:00:00.000Z';
    const set = { captured_amount: 1_250, refunded_at: at, updated_at: at };
    when(refunded(250, 250, at)).then({
      kind: 'update',
      paymentId: 'pay-1',
      set: { status: 'partially_refunded', refunded_amount: 250, ...set },
    });
    when(refunded(1_000, 1_250, at)).then({
      kind: 'update',
      paymentId: 'pay-1',
      set: { status: 'refunded', refunded_amount: 1_250, ...set },
    });
  });
});
