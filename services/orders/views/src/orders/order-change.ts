import { assertNever } from '@ledgerline/domain';
import { type OrderEvent, type OrderLine, type OrderStatus } from '@ledgerline/orders-domain';
import { placedByOf } from '../order-event';

export type OrderViewStatus = Exclude<OrderStatus, 'none'>;

/** The columns of the orders table an event may set. */
export interface OrderColumns {
  readonly order_id: string;
  readonly customer_id: string;
  readonly merchant_id: string;
  readonly customer_account_id: string;
  readonly merchant_account_id: string;
  /** The subject of the user who placed it; null for orders placed before it was recorded. */
  readonly placed_by: string | null;
  readonly currency: string;
  readonly total_minor: number;
  readonly status: OrderViewStatus;
  readonly payment_id: string | null;
  readonly cancel_reason: string | null;
  readonly carrier: string | null;
  readonly tracking_number: string | null;
  readonly placed_at: string;
  readonly confirmed_at: string | null;
  readonly cancelled_at: string | null;
  readonly shipped_at: string | null;
  readonly updated_at: string;
}

export type OrderChange =
  | { readonly kind: 'insert'; readonly row: OrderColumns; readonly lines: readonly OrderLine[] }
  | {
      readonly kind: 'update';
      readonly orderId: string;
      readonly set: Partial<OrderColumns> & Pick<OrderColumns, 'status' | 'updated_at'>;
    };

/** What one order event does to its rows: placing inserts the order and its lines. */
export const orderChange = (event: OrderEvent): OrderChange => {
  const { orderId, at } = event.data;
  switch (event.type) {
    case 'OrderPlaced': {
      const d = event.data;
      return {
        kind: 'insert',
        row: {
          order_id: orderId,
          customer_id: d.customerId,
          merchant_id: d.merchantId,
          customer_account_id: d.customerAccountId,
          merchant_account_id: d.merchantAccountId,
          placed_by: placedByOf(event) ?? null,
          currency: d.currency,
          total_minor: d.totalMinor,
          status: 'placed',
          payment_id: null,
          cancel_reason: null,
          carrier: null,
          tracking_number: null,
          placed_at: at,
          confirmed_at: null,
          cancelled_at: null,
          shipped_at: null,
          updated_at: at,
        },
        lines: d.lines,
      };
    }
    case 'OrderConfirmed':
      return update(orderId, {
        status: 'confirmed',
        payment_id: event.data.paymentId,
        confirmed_at: at,
        updated_at: at,
      });
    case 'OrderCancelled':
      return update(orderId, {
        status: 'cancelled',
        payment_id: event.data.paymentId,
        cancel_reason: event.data.reason,
        cancelled_at: at,
        updated_at: at,
      });
    case 'OrderShipped':
      return update(orderId, {
        status: 'shipped',
        payment_id: event.data.paymentId,
        carrier: event.data.carrier,
        tracking_number: event.data.trackingNumber,
        shipped_at: at,
        updated_at: at,
      });
    default:
      return assertNever(event);
  }
};

const update = (
  orderId: string,
  set: Extract<OrderChange, { kind: 'update' }>['set'],
): OrderChange => ({ kind: 'update', orderId, set });
