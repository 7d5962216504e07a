import type { CurrencyCode } from '@ledgerline/domain';

export interface OrderLine {
  readonly sku: string;
  readonly description: string;
  readonly quantity: number;
  readonly unitPriceMinor: number;
  readonly lineTotalMinor: number;
}

/** What was ordered, by whom, from whom; fixed once the order is placed. */
export interface OrderDetails {
  readonly orderId: string;
  readonly customerId: string;
  readonly merchantId: string;
  readonly customerAccountId: string;
  readonly merchantAccountId: string;
  readonly currency: CurrencyCode;
  readonly lines: readonly OrderLine[];
  readonly totalMinor: number;
}

export type OrderState =
  | { readonly status: 'none' }
  | (OrderDetails & { readonly status: 'placed' })
  | (OrderDetails & { readonly status: 'confirmed'; readonly paymentId: string })
  | (OrderDetails & {
      readonly status: 'shipped';
      readonly paymentId: string;
      readonly carrier: string | null;
      readonly trackingNumber: string | null;
    })
  | (OrderDetails & {
      readonly status: 'cancelled';
      readonly reason: string;
      /** Set when the order was confirmed first: that payment has to be refunded. */
      readonly paymentId: string | null;
    });

export type OrderStatus = OrderState['status'];
export type ExistingOrder = Exclude<OrderState, { status: 'none' }>;

export const initialOrderState: OrderState = { status: 'none' };
