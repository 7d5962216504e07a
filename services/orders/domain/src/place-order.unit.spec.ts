import { InvalidInput, MAX_AMOUNT_MINOR, RuleViolation } from '@ledgerline/domain';
import type { OrderLineInput, PlaceOrder } from './commands';
import { orderDecider } from './decider';
import {
  CUSTOMER_ACCOUNT_ID,
  CUSTOMER_ID,
  MERCHANT_ACCOUNT_ID,
  MERCHANT_ID,
  ORDER_ID,
  cancelled,
  command,
  givenOrder,
  placed,
} from './testing';

const mug: OrderLineInput = {
  sku: 'MUG-01',
  description: 'Mug',
  quantity: 2,
  unitPriceMinor: 1250,
};
const tea: OrderLineInput = {
  sku: 'TEA-7',
  description: 'Green tea',
  quantity: 1,
  unitPriceMinor: 500,
};

const place = (data: Partial<PlaceOrder['data']> = {}) =>
  command('PlaceOrder', {
    orderId: ORDER_ID,
    customerId: CUSTOMER_ID,
    merchantId: MERCHANT_ID,
    customerAccountId: CUSTOMER_ACCOUNT_ID,
    merchantAccountId: MERCHANT_ACCOUNT_ID,
    currency: 'USD',
    lines: [mug, tea],
    ...data,
  });
const withLine = (line: Partial<OrderLineInput>, at = 1) => {
  const lines = [mug, tea, mug];
  lines[at] = { ...tea, ...line };
  return place({ lines });
};

describe('PlaceOrder', () => {
  it('places an order with its lines and the total computed from them', () => {
    givenOrder().when(place()).then([placed]);
  });

  it('records who placed the order when the service names a placer', () => {
    givenOrder()
      .when(place({ placedBy: 'auth0|alice' }))
      .then([{ ...placed, data: { ...placed.data, placedBy: 'auth0|alice' } }]);
  });

  it('records that the placer may act for any owner', () => {
    givenOrder()
      .when(place({ placedBy: 'ops', placerActsForAnyOwner: true }))
      .then([
        { ...placed, data: { ...placed.data, placedBy: 'ops', placerActsForAnyOwner: true } },
      ]);
  });

  it('records no placer when none is named (a workload placed it)', () => {
    const [event] = orderDecider.decide(place(), orderDecider.initialState);
    expect(event?.data).not.toHaveProperty('placedBy');
  });

  it('trims sku and description', () => {
    givenOrder()
      .when(place({ lines: [{ ...mug, sku: ' MUG-01 ', description: ' Mug\n' }, tea] }))
      .then([placed]);
  });

  it('accepts the largest order the limits allow', () => {
    const lines = Array.from({ length: 100 }, (_, index) => ({
      sku: `SKU-${index}`,
      description: 'd'.repeat(500),
      quantity: 10_000,
      unitPriceMinor: MAX_AMOUNT_MINOR / 100 / 10_000,
    }));
    const [event] = orderDecider.decide(place({ lines }), orderDecider.initialState);
    expect(event?.data).toMatchObject({ totalMinor: MAX_AMOUNT_MINOR });
  });

  it('refuses to place an order twice', () => {
    givenOrder(placed).when(place()).thenThrows(RuleViolation, { rule: 'already-exists' });
  });

  it('refuses to place a cancelled order again', () => {
    givenOrder(placed, cancelled)
      .when(place())
      .thenThrows(RuleViolation, { rule: 'already-exists' });
  });

  it.each([
    ['orderId', place({ orderId: 'o-1' })],
    ['customerId', place({ customerId: '' })],
    ['merchantId', place({ merchantId: 'm' })],
    ['customerAccountId', place({ customerAccountId: 'c' })],
    ['merchantAccountId', place({ merchantAccountId: 'a' })],
    ['merchantAccountId', place({ merchantAccountId: CUSTOMER_ACCOUNT_ID })],
    ['currency', place({ currency: 'XYZ' })],
    ['lines', place({ lines: [] })],
    ['lines', place({ lines: Array.from({ length: 101 }, () => tea) })],
    ['lines[1].sku', withLine({ sku: ' ' })],
    ['lines[1].sku', withLine({ sku: 's'.repeat(65) })],
    ['lines[1].description', withLine({ description: '' })],
    ['lines[1].description', withLine({ description: 'd'.repeat(501) })],
    ['lines[1].quantity', withLine({ quantity: 0 })],
    ['lines[1].quantity', withLine({ quantity: 10_001 })],
    ['lines[1].quantity', withLine({ quantity: 1.5 })],
    ['lines[2].unitPriceMinor', withLine({ unitPriceMinor: 0 }, 2)],
    ['lines[2].unitPriceMinor', withLine({ unitPriceMinor: 9.99 }, 2)],
    ['lines[0]', withLine({ quantity: 2, unitPriceMinor: MAX_AMOUNT_MINOR }, 0)],
    ['lines', place({ lines: [{ ...tea, unitPriceMinor: MAX_AMOUNT_MINOR }, tea] })],
    // The placer travels on as the x-on-behalf-of header: what a header cannot carry is refused.
    ['placedBy', place({ placedBy: '' })],
    ['placedBy', place({ placedBy: 'a'.repeat(129) })],
    ['placedBy', place({ placedBy: 'zoë' })],
  ])('rejects an invalid %s', (field, invalid) => {
    givenOrder().when(invalid).thenThrows(InvalidInput, { field });
  });
});
