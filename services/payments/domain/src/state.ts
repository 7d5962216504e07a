import type { CurrencyCode } from '@ledgerline/domain';

/** What was agreed when the payment was created; it never changes afterwards. */
export interface PaymentTerms {
  readonly paymentId: string;
  readonly orderId: string;
  readonly payerAccountId: string;
  readonly payeeAccountId: string;
  readonly amount: number;
  readonly currency: CurrencyCode;
}

/** Once captured, a payment tracks how much of it has gone back and under which refund ids. */
export interface CapturedPayment extends PaymentTerms {
  readonly status: 'captured' | 'partially_refunded' | 'refunded';
  readonly reservationId: string;
  readonly refundedAmount: number;
  readonly refundIds: readonly string[];
}

export type PaymentState =
  | { readonly status: 'none' }
  | (PaymentTerms & { readonly status: 'created' })
  | (PaymentTerms & { readonly status: 'authorized'; readonly reservationId: string })
  | CapturedPayment
  | (PaymentTerms & {
      readonly status: 'failed';
      readonly reason: string;
      /** Set when the payment failed after authorization: that reservation must be released. */
      readonly reservationId: string | null;
    });

export type PaymentStatus = PaymentState['status'];
export type ExistingPayment = Exclude<PaymentState, { status: 'none' }>;

export const initialPaymentState: PaymentState = { status: 'none' };
