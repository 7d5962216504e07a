// The commands the checkout sends, one per step. A step names the command uniquely within its
// saga, so the idempotency key (saga id + step) makes a re-send after a crash a no-op.

export type ForwardStep =
  | 'create-payment'
  | 'reserve-funds'
  | 'authorize-payment'
  | 'capture-reservation'
  | 'credit-merchant'
  | 'capture-payment'
  | 'confirm-order';

export type CompensationStep =
  | 'release-reservation'
  | 'fail-payment'
  | 'cancel-order'
  /** Gives the customer back a captured reservation (CreditFunds) when the merchant leg failed. */
  | 'return-to-customer'
  /** Takes back the merchant's credit (DebitFunds) when the customer leg failed. */
  | 'take-back-from-merchant'
  | 'refund-payment'
  | 'refund-debit-merchant'
  | 'refund-credit-customer';

export type CheckoutStep = ForwardStep | CompensationStep;

interface Step<S extends CheckoutStep> {
  readonly step: S;
  readonly compensation?: boolean;
}

export type CheckoutCommand =
  | (Step<'create-payment'> & {
      readonly type: 'CreatePayment';
      readonly paymentId: string;
      readonly orderId: string;
      readonly payerAccountId: string;
      readonly payeeAccountId: string;
      readonly amount: number;
      readonly currency: string;
      readonly onBehalfOf?: string;
    })
  | (Step<'reserve-funds'> & {
      readonly type: 'ReserveFunds';
      readonly accountId: string;
      readonly reservationId: string;
      readonly amount: number;
      readonly currency: string;
      /** The order's placer: the account must be theirs (sent as x-on-behalf-of). */
      readonly onBehalfOf?: string;
    })
  | (Step<'authorize-payment'> & {
      readonly type: 'AuthorizePayment';
      readonly paymentId: string;
      readonly reservationId: string;
    })
  | (Step<'capture-reservation'> & {
      readonly type: 'CaptureReservation';
      readonly accountId: string;
      readonly reservationId: string;
    })
  | (Step<'release-reservation'> & {
      readonly type: 'ReleaseReservation';
      readonly accountId: string;
      readonly reservationId: string;
    })
  | (Step<'credit-merchant' | 'return-to-customer' | 'refund-credit-customer'> & {
      readonly type: 'CreditFunds';
      readonly accountId: string;
      readonly amount: number;
      readonly currency: string;
      readonly reference: string;
    })
  | (Step<'take-back-from-merchant' | 'refund-debit-merchant'> & {
      readonly type: 'DebitFunds';
      readonly accountId: string;
      readonly amount: number;
      readonly currency: string;
      readonly reference: string;
    })
  | (Step<'capture-payment'> & { readonly type: 'CapturePayment'; readonly paymentId: string })
  | (Step<'fail-payment'> & {
      readonly type: 'FailPayment';
      readonly paymentId: string;
      readonly reason: string;
    })
  | (Step<'refund-payment'> & {
      readonly type: 'RefundPayment';
      readonly paymentId: string;
      readonly refundId: string;
      readonly amount: number;
    })
  | (Step<'confirm-order'> & {
      readonly type: 'ConfirmOrder';
      readonly orderId: string;
      readonly paymentId: string;
    })
  | (Step<'cancel-order'> & {
      readonly type: 'CancelOrder';
      readonly orderId: string;
      readonly reason: string;
    });

export type CheckoutCommandType = CheckoutCommand['type'];
