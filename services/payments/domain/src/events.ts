import type { CurrencyCode, DomainEvent } from '@ledgerline/domain';

// Every payment event repeats who pays whom, for which order and in which currency, so a saga or
// projection can act on any single event without reading the rest of the stream.

export interface PaymentFacts {
  readonly paymentId: string;
  readonly orderId: string;
  readonly payerAccountId: string;
  readonly payeeAccountId: string;
  readonly currency: CurrencyCode;
  readonly at: string;
}

export type PaymentCreated = DomainEvent<
  'PaymentCreated',
  PaymentFacts & {
    readonly amount: number;
    /**
     * The customer the payment is for; null on a workload's own payments. Schema v2: v1 left it
     * out instead (upcasters.ts reads those as null).
     */
    readonly ownerId: string | null;
  }
>;

export type PaymentAuthorized = DomainEvent<
  'PaymentAuthorized',
  PaymentFacts & { readonly amount: number; readonly reservationId: string }
>;

export type PaymentCaptured = DomainEvent<
  'PaymentCaptured',
  PaymentFacts & { readonly amount: number; readonly reservationId: string }
>;

export type PaymentFailed = DomainEvent<
  'PaymentFailed',
  PaymentFacts & {
    readonly amount: number;
    readonly reason: string;
    /** Non-null when funds were reserved: whoever reacts must release that reservation. */
    readonly reservationId: string | null;
  }
>;

export type PaymentRefunded = DomainEvent<
  'PaymentRefunded',
  PaymentFacts & {
    readonly refundId: string;
    /** This refund's amount. */
    readonly amount: number;
    readonly capturedAmount: number;
    /** All refunds so far, this one included. */
    readonly refundedTotal: number;
    readonly fullyRefunded: boolean;
  }
>;

export type PaymentEvent =
  PaymentCreated | PaymentAuthorized | PaymentCaptured | PaymentFailed | PaymentRefunded;

export type PaymentEventType = PaymentEvent['type'];

// A record, not an array, so adding an event to the union without listing it here fails to compile.
const paymentEventTypes: Readonly<Record<PaymentEventType, true>> = {
  PaymentCreated: true,
  PaymentAuthorized: true,
  PaymentCaptured: true,
  PaymentFailed: true,
  PaymentRefunded: true,
};

/** Lets a reader of raw stored events tell a payment event type from anything else. */
export const isPaymentEventType = (type: string): type is PaymentEventType =>
  Object.hasOwn(paymentEventTypes, type);
