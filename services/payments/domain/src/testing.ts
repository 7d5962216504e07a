import { type CurrencyCode } from '@ledgerline/domain';
import { deciderSpec } from '@ledgerline/domain-testing';
import type { PaymentCommand } from './commands';
import { paymentDecider } from './decider';
import type { PaymentEvent } from './events';

// --- Payment fixtures ---------------------------------------------------------------------

export const NOW = '2025-03-01T12:00:00.000Z';
export const PAYMENT_ID = '5f0c6a2e-8b1d-4c3e-9f7a-1b2c3d4e5f60';
export const ORDER_ID = '01HZX4A9B8C7D6E5F4G3H2J1KM';
export const PAYER_ACCOUNT_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
export const PAYEE_ACCOUNT_ID = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
export const RESERVATION_ID = 'b3c9a2e4-1d6f-4a8b-9c0d-2e3f4a5b6c7d';
export const REFUND_A = 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f';
export const REFUND_B = 'd5e6f7a8-b9c0-4d1e-8f2a-3b4c5d6e7f80';
export const USD = 'USD' as CurrencyCode;
export const AMOUNT = 5000;

export const givenPayment = deciderSpec(paymentDecider);

export const command = <Type extends PaymentCommand['type']>(
  type: Type,
  data: Extract<PaymentCommand, { type: Type }>['data'],
) => ({ type, data, metadata: { now: NOW } }) as Extract<PaymentCommand, { type: Type }>;

export const facts = {
  paymentId: PAYMENT_ID,
  orderId: ORDER_ID,
  payerAccountId: PAYER_ACCOUNT_ID,
  payeeAccountId: PAYEE_ACCOUNT_ID,
  currency: USD,
  at: NOW,
};

export const created: PaymentEvent = {
  type: 'PaymentCreated',
  data: { ...facts, amount: AMOUNT, ownerId: null },
};

export const authorized: PaymentEvent = {
  type: 'PaymentAuthorized',
  data: { ...facts, amount: AMOUNT, reservationId: RESERVATION_ID },
};

export const captured: PaymentEvent = {
  type: 'PaymentCaptured',
  data: { ...facts, amount: AMOUNT, reservationId: RESERVATION_ID },
};

export const failed = (reservationId: string | null = null): PaymentEvent => ({
  type: 'PaymentFailed',
  data: { ...facts, amount: AMOUNT, reason: 'card declined', reservationId },
});

export const refunded = (
  refundId: string,
  amount: number,
  refundedTotal: number,
): PaymentEvent => ({
  type: 'PaymentRefunded',
  data: {
    ...facts,
    ...{ refundId, amount, capturedAmount: AMOUNT, refundedTotal },
    fullyRefunded: refundedTotal === AMOUNT,
  },
});
