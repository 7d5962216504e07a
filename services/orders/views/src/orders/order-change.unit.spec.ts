import { type OrderEvent } from '@ledgerline/orders-domain';
import { cancelled, confirmed, lines, placed, placedBy, shipped } from '../fixtures/order-events';
import { type OrderChange, orderChange } from './order-change';

const when = (event: OrderEvent) => ({
  then: (expected: OrderChange) => expect(orderChange(event)).toEqual(expected),
});

describe('order row changes', () => {
  it('inserts the order and its lines when placed', () =>
    when(placed).then({
      kind: 'insert',
      row: {
        order_id: 'ord-1',
        customer_id: 'cust-1',
        merchant_id: 'merch-1',
        customer_account_id: 'cust-acct-1',
        merchant_account_id: 'merch-acct-1',
        placed_by: null,
        currency: 'USD',
        total_minor: 5_150,
        status: 'placed',
        payment_id: null,
        cancel_reason: null,
        carrier: null,
        tracking_number: null,
        placed_at: '2025-03-01T10:00:00.000Z',
        confirmed_at: null,
        cancelled_at: null,
        shipped_at: null,
        updated_at: '2025-03-01T10:00:00.000Z',
      },
      lines,
    }));

  it('records who placed the order, when the event names them', () => {
    const change = orderChange(placedBy('user-7'));
    expect(change).toMatchObject({ kind: 'insert', row: { placed_by: 'user-7' } });
  });

  it('sets the payment on confirmation and the shipping details on shipment', () => {
    when(confirmed).then({
      kind: 'update',
      orderId: 'ord-1',
      set: {
        status: 'confirmed',
        payment_id: 'pay-1',
        confirmed_at: '2025-03-01T10:05:00.000Z',
        updated_at: '2025-03-01T10:05:00.000Z',
      },
    });
    when(shipped).then({
      kind: 'update',
      orderId: 'ord-1',
      set: {
        status: 'shipped',
        payment_id: 'pay-1',
        carrier: 'DHL',
        tracking_number: 'JD0146',
        shipped_at: '2025-03-02T16:00:00.000Z',
        updated_at: '2025-03-02T16:00:00.000Z',
      },
    });
  });

  it('keeps the payment to refund when a confirmed order is cancelled', () =>
    when(cancelled('pay-1')).then({
      kind: 'update',
      orderId: 'ord-1',
      set: {
        status: 'cancelled',
        payment_id: 'pay-1',
        cancel_reason: 'customer request',
        cancelled_at: '2025-03-03T09:00:00.000Z',
        updated_at: '2025-03-03T09:00:00.000Z',
      },
    }));
});
