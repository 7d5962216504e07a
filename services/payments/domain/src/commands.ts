/**
 * Only the decision time travels with a command; correlation, causation and idempotency keys are
 * carried beside it by the infrastructure.
 */
export interface CommandMetadata {
  readonly now: string;
}

type Command<Type extends string, Data> = {
  readonly type: Type;
  readonly data: Readonly<Data>;
  readonly metadata: CommandMetadata;
};

// Field values arrive as the transport received them: `decide` parses each one and names the
// field it rejects.

export type CreatePayment = Command<
  'CreatePayment',
  {
    paymentId: string;
    orderId: string;
    payerAccountId: string;
    payeeAccountId: string;
    amount: number;
    currency: string;
    /**
     * Whose payment it is: the customer the checkout saga acts for, or the user who created it.
     * Set by the service from the verified caller, never from the request.
     */
    ownerId?: string | undefined;
  }
>;

/** Sent once the payer's funds are reserved; the reservation is what capture will take. */
export type AuthorizePayment = Command<
  'AuthorizePayment',
  { paymentId: string; reservationId: string }
>;

export type CapturePayment = Command<'CapturePayment', { paymentId: string }>;

export type FailPayment = Command<'FailPayment', { paymentId: string; reason: string }>;

/** `amount` is in the payment's currency; `refundId` is chosen by the caller and used once. */
export type RefundPayment = Command<
  'RefundPayment',
  { paymentId: string; refundId: string; amount: number }
>;

export type PaymentCommand =
  CreatePayment | AuthorizePayment | CapturePayment | FailPayment | RefundPayment;
