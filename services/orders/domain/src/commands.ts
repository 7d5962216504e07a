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
// field it rejects (`lines[2].quantity`).

export interface OrderLineInput {
  readonly sku: string;
  readonly description: string;
  readonly quantity: number;
  readonly unitPriceMinor: number;
}

/** The total is not sent: it is computed from the lines, so client and ledger cannot disagree. */
export type PlaceOrder = Command<
  'PlaceOrder',
  {
    orderId: string;
    customerId: string;
    merchantId: string;
    customerAccountId: string;
    merchantAccountId: string;
    currency: string;
    lines: readonly OrderLineInput[];
    /**
     * The user who placed the order (the verified caller's subject), set by the service, never
     * from the request; absent when a workload places it. The checkout pays on this user's behalf.
     */
    placedBy?: string | undefined;
    /** The placer holds owners:any: the order may pay from any account (set with placedBy). */
    placerActsForAnyOwner?: boolean | undefined;
  }
>;

export type ConfirmOrder = Command<'ConfirmOrder', { orderId: string; paymentId: string }>;

export type CancelOrder = Command<'CancelOrder', { orderId: string; reason: string }>;

export type MarkOrderShipped = Command<
  'MarkOrderShipped',
  { orderId: string; carrier?: string | undefined; trackingNumber?: string | undefined }
>;

export type OrderCommand = PlaceOrder | ConfirmOrder | CancelOrder | MarkOrderShipped;
