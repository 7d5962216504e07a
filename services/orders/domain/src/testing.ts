import { type CurrencyCode } from '@ledgerline/domain';
import { deciderSpec } from '@ledgerline/domain-testing';
import type { OrderCommand } from './commands';
import { orderDecider } from './decider';
import type { OrderEvent, OrderPlaced } from './events';

// --- Order fixtures -----------------------------------------------------------------------

export const NOW = '2025-03-01T12:00:00.000Z';
export const ORDER_ID = '01HZX4A9B8C7D6E5F4G3H2J1KM';
export const CUSTOMER_ID = '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091';
export const MERCHANT_ID = '3c4d5e6f-7081-4923-8b4c-5d6e7f809102';
export const CUSTOMER_ACCOUNT_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
export const MERCHANT_ACCOUNT_ID = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
export const PAYMENT_ID = '5f0c6a2e-8b1d-4c3e-9f7a-1b2c3d4e5f60';
export const USD = 'USD' as CurrencyCode;

export const givenOrder = deciderSpec(orderDecider);

export const command = <Type extends OrderCommand['type']>(
  type: Type,
  data: Extract<OrderCommand, { type: Type }>['data'],
) => ({ type, data, metadata: { now: NOW } }) as Extract<OrderCommand, { type: Type }>;

/** Two lines: 2 × 1250 + 1 × 500 = 3000. */
export const placed: OrderPlaced = {
  type: 'OrderPlaced',
  data: {
    orderId: ORDER_ID,
    customerId: CUSTOMER_ID,
    merchantId: MERCHANT_ID,
    customerAccountId: CUSTOMER_ACCOUNT_ID,
    merchantAccountId: MERCHANT_ACCOUNT_ID,
    currency: USD,
    lines: [
      {
        sku: 'MUG-01',
        description: 'Mug',
        quantity: 2,
        unitPriceMinor: 1250,
        lineTotalMinor: 2500,
      },
      {
        sku: 'TEA-7',
        description: 'Green tea',
        quantity: 1,
        unitPriceMinor: 500,
        lineTotalMinor: 500,
      },
    ],
    totalMinor: 3000,
    at: NOW,
  },
};

export const facts = {
  orderId: ORDER_ID,
  customerId: CUSTOMER_ID,
  merchantId: MERCHANT_ID,
  totalMinor: 3000,
  currency: USD,
  at: NOW,
};

export const confirmed: OrderEvent = {
  type: 'OrderConfirmed',
  data: { ...facts, paymentId: PAYMENT_ID },
};

export const shipped: OrderEvent = {
  type: 'OrderShipped',
  data: { ...facts, paymentId: PAYMENT_ID, carrier: null, trackingNumber: null },
};

export const cancelled: OrderEvent = {
  type: 'OrderCancelled',
  data: { ...facts, reason: 'changed my mind', wasConfirmed: false, paymentId: null },
};
