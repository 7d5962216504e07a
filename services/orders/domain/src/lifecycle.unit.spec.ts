import { InvalidInput, NotFound, RuleViolation } from '@ledgerline/domain';
import type { OrderEvent } from './events';
import {
  NOW,
  ORDER_ID,
  PAYMENT_ID,
  cancelled,
  command,
  confirmed,
  facts,
  givenOrder,
  placed,
  shipped,
} from './testing';

const confirm = (paymentId = PAYMENT_ID) =>
  command('ConfirmOrder', { orderId: ORDER_ID, paymentId });
const cancel = (reason = 'changed my mind') =>
  command('CancelOrder', { orderId: ORDER_ID, reason });
const ship = (data: { carrier?: string; trackingNumber?: string } = {}) =>
  command('MarkOrderShipped', { orderId: ORDER_ID, ...data });

const transitionRefused = (from: string, to: string) => ({
  rule: 'illegal-transition',
  message: `order ${ORDER_ID} cannot go from ${from} to ${to}`,
});

describe('ConfirmOrder', () => {
  it('confirms a placed order with its payment', () => {
    givenOrder(placed).when(confirm()).then([confirmed]);
  });

  it.each([
    ['confirmed', [placed, confirmed]],
    ['shipped', [placed, confirmed, shipped]],
    ['cancelled', [placed, cancelled]],
  ])('refuses to confirm an order that is %s', (from, history) => {
    givenOrder(...history)
      .when(confirm())
      .thenThrows(RuleViolation, transitionRefused(from, 'confirmed'));
  });

  it('does not find an order that was never placed', () => {
    givenOrder().when(confirm()).thenThrows(NotFound, { entity: 'order', id: ORDER_ID });
  });

  it('rejects an invalid paymentId', () => {
    givenOrder(placed).when(confirm('pay-1')).thenThrows(InvalidInput, { field: 'paymentId' });
  });
});

describe('CancelOrder', () => {
  it('cancels a placed order with nothing to refund', () => {
    givenOrder(placed).when(cancel()).then([cancelled]);
  });

  it('cancels a confirmed order naming the payment to refund', () => {
    const cancelledAfterPayment: OrderEvent = {
      type: 'OrderCancelled',
      data: { ...facts, reason: 'out of stock', wasConfirmed: true, paymentId: PAYMENT_ID },
    };
    givenOrder(placed, confirmed).when(cancel('out of stock')).then([cancelledAfterPayment]);
  });

  it.each([
    ['shipped', [placed, confirmed, shipped]],
    ['cancelled', [placed, cancelled]],
  ])('refuses to cancel an order that is %s', (from, history) => {
    givenOrder(...history)
      .when(cancel())
      .thenThrows(RuleViolation, transitionRefused(from, 'cancelled'));
  });

  it('does not find an order that was never placed', () => {
    givenOrder().when(cancel()).thenThrows(NotFound, { entity: 'order' });
  });

  it.each(['', '  ', 'r'.repeat(501)])('rejects the reason %p', (reason) => {
    givenOrder(placed).when(cancel(reason)).thenThrows(InvalidInput, { field: 'reason' });
  });
});

describe('MarkOrderShipped', () => {
  it('ships a confirmed order without tracking details', () => {
    givenOrder(placed, confirmed).when(ship()).then([shipped]);
  });

  it('ships a confirmed order with carrier and tracking number', () => {
    givenOrder(placed, confirmed)
      .when(ship({ carrier: ' DHL ', trackingNumber: 'JD0146000033' }))
      .then([
        {
          type: 'OrderShipped',
          data: {
            ...facts,
            paymentId: PAYMENT_ID,
            carrier: 'DHL',
            trackingNumber: 'JD0146000033',
            at: NOW,
          },
        },
      ]);
  });

  it('treats blank shipping details as absent', () => {
    givenOrder(placed, confirmed)
      .when(ship({ carrier: '', trackingNumber: ' ' }))
      .then([shipped]);
  });

  it.each([
    ['placed', [placed]],
    ['shipped', [placed, confirmed, shipped]],
    ['cancelled', [placed, cancelled]],
  ])('refuses to ship an order that is %s', (from, history) => {
    givenOrder(...history)
      .when(ship())
      .thenThrows(RuleViolation, transitionRefused(from, 'shipped'));
  });

  it('does not find an order that was never placed', () => {
    givenOrder().when(ship()).thenThrows(NotFound, { entity: 'order' });
  });

  it.each([
    ['carrier', { carrier: 'c'.repeat(101) }],
    ['trackingNumber', { trackingNumber: 't'.repeat(101) }],
  ])('rejects an overlong %s', (field, data) => {
    givenOrder(placed, confirmed).when(ship(data)).thenThrows(InvalidInput, { field });
  });
});
