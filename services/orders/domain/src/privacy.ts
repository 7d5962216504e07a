import { privacyCatalog, type PrivacyDeclarations } from '@ledgerline/domain';
import type { OrderEvent } from './events';

// An order's personal data is its customer's: every order event names the customer.
const facts = {
  orderId: 'safe',
  customerId: 'safe',
  merchantId: 'safe',
  currency: 'safe',
  at: 'safe',
} as const;

/** Which order event fields are personal (free text a person wrote), and whose. */
export const orderEventPrivacy = {
  OrderPlaced: {
    subject: (data) => data.customerId,
    fields: {
      ...facts,
      customerAccountId: 'safe',
      merchantAccountId: 'safe',
      placedBy: 'safe',
      lines: { each: { sku: 'safe', description: 'personal' } },
    },
  },
  OrderConfirmed: {
    subject: (data) => data.customerId,
    fields: { ...facts, paymentId: 'safe' },
  },
  OrderCancelled: {
    subject: (data) => data.customerId,
    fields: { ...facts, reason: 'personal', paymentId: 'safe' },
  },
  OrderShipped: {
    subject: (data) => data.customerId,
    fields: { ...facts, paymentId: 'safe', carrier: 'personal', trackingNumber: 'personal' },
  },
} satisfies PrivacyDeclarations<OrderEvent>;

/** The declarations as the event store looks them up. */
export const orderPrivacyCatalog = privacyCatalog<OrderEvent>(orderEventPrivacy);
