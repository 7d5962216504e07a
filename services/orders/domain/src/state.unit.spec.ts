import { fold } from '@ledgerline/domain';
import { orderDecider } from './decider';
import { isOrderEventType } from './events';
import { ORDER_STREAM_CATEGORY, orderIdFromStreamId, orderStreamId } from './stream';
import { ORDER_ID, PAYMENT_ID, cancelled, confirmed, placed, shipped } from './testing';

describe('order state', () => {
  it('starts with no order', () => {
    expect(fold(orderDecider, [])).toEqual({ status: 'none' });
  });

  it('keeps the lines and total through the lifecycle', () => {
    expect(fold(orderDecider, [placed, confirmed, shipped])).toMatchObject({
      status: 'shipped',
      paymentId: PAYMENT_ID,
      totalMinor: 3000,
      lines: placed.data.lines,
    });
  });

  it('records why an order was cancelled', () => {
    expect(fold(orderDecider, [placed, cancelled])).toMatchObject({
      status: 'cancelled',
      reason: 'changed my mind',
      paymentId: null,
    });
  });

  it('ignores events on a stream that was never placed', () => {
    expect(fold(orderDecider, [confirmed])).toEqual({ status: 'none' });
  });
});

describe('order streams', () => {
  it('names one stream per order in the order category', () => {
    expect(ORDER_STREAM_CATEGORY).toBe('order');
    expect(orderStreamId(ORDER_ID)).toBe(`order-${ORDER_ID}`);
    expect(orderIdFromStreamId(orderStreamId(ORDER_ID))).toBe(ORDER_ID);
    expect(orderIdFromStreamId(`account-${ORDER_ID}`)).toBeNull();
  });

  it('recognises order event types', () => {
    expect(isOrderEventType('OrderShipped')).toBe(true);
    expect(isOrderEventType('PaymentCaptured')).toBe(false);
  });
});
