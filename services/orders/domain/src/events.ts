import type { CurrencyCode, DomainEvent } from '@ledgerline/domain';
import type { OrderLine } from './state';

// Every order event repeats whose order it is, its total and currency, so a saga or projection
// can act on any single event without reading the rest of the stream.

export interface OrderFacts {
  readonly orderId: string;
  readonly customerId: string;
  readonly merchantId: string;
  readonly totalMinor: number;
  readonly currency: CurrencyCode;
  readonly at: string;
}

export type OrderPlaced = DomainEvent<
  'OrderPlaced',
  OrderFacts & {
    readonly customerAccountId: string;
    readonly merchantAccountId: string;
    readonly lines: readonly OrderLine[];
    /** The user who placed it; absent when a workload did, and on events recorded before. */
    readonly placedBy?: string;
    /**
     * Present (true) when the placer may act for any owner (`owners:any`): the checkout then
     * does not hold the paying account to the placer's own.
     */
    readonly placerActsForAnyOwner?: true;
  }
>;

export type OrderConfirmed = DomainEvent<
  'OrderConfirmed',
  OrderFacts & { readonly paymentId: string }
>;

export type OrderCancelled = DomainEvent<
  'OrderCancelled',
  OrderFacts & {
    readonly reason: string;
    /** True when the order had been paid for: the saga must refund `paymentId`. */
    readonly wasConfirmed: boolean;
    readonly paymentId: string | null;
  }
>;

export type OrderShipped = DomainEvent<
  'OrderShipped',
  OrderFacts & {
    readonly paymentId: string;
    readonly carrier: string | null;
    readonly trackingNumber: string | null;
  }
>;

export type OrderEvent = OrderPlaced | OrderConfirmed | OrderCancelled | OrderShipped;

export type OrderEventType = OrderEvent['type'];

// A record, not an array, so adding an event to the union without listing it here fails to compile.
const orderEventTypes: Readonly<Record<OrderEventType, true>> = {
  OrderPlaced: true,
  OrderConfirmed: true,
  OrderCancelled: true,
  OrderShipped: true,
};

/** Lets a reader of raw stored events tell an order event type from anything else. */
export const isOrderEventType = (type: string): type is OrderEventType =>
  Object.hasOwn(orderEventTypes, type);
