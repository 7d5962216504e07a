import { privacyCatalog, type PrivacyDeclarations } from '@ledgerline/domain';
import type { PaymentEvent } from './events';

// A payment's personal data is its customer's. PaymentCreated names the customer (when one placed
// it); later events belong to the subject the payment's stream was created for.
const ofThePaymentsCustomer = (_data: unknown): undefined => undefined;

const facts = {
  paymentId: 'safe',
  orderId: 'safe',
  payerAccountId: 'safe',
  payeeAccountId: 'safe',
  currency: 'safe',
  at: 'safe',
} as const;

/** Which payment event fields are personal (free text a person wrote), and whose. */
export const paymentEventPrivacy = {
  PaymentCreated: {
    subject: (data) => data.ownerId ?? undefined,
    fields: { ...facts, ownerId: 'safe' },
  },
  PaymentAuthorized: {
    subject: ofThePaymentsCustomer,
    fields: { ...facts, reservationId: 'safe' },
  },
  PaymentCaptured: { subject: ofThePaymentsCustomer, fields: { ...facts, reservationId: 'safe' } },
  PaymentFailed: {
    subject: ofThePaymentsCustomer,
    fields: { ...facts, reason: 'personal', reservationId: 'safe' },
  },
  PaymentRefunded: { subject: ofThePaymentsCustomer, fields: { ...facts, refundId: 'safe' } },
} satisfies PrivacyDeclarations<PaymentEvent>;

/** The declarations as the event store looks them up. */
export const paymentPrivacyCatalog = privacyCatalog<PaymentEvent>(paymentEventPrivacy);
