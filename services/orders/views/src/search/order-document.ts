import { assertNever } from '@ledgerline/domain';
import { type OrderEvent, type OrderLine } from '@ledgerline/orders-domain';
import { placedByOf } from '../order-event';
import { type OrderViewStatus } from '../orders/order-change';
import { majorUnits } from './money';

/** One order as the `orders` index holds it (see docs/analytics/README.md). */
export interface OrderDocument {
  readonly orderId: string;
  readonly customerId: string;
  readonly merchantId: string;
  readonly customerAccountId: string;
  readonly merchantAccountId: string;
  /**
   * The subject of the user who placed it. Absent (not null) for orders placed before it was
   * recorded, so a document the live index wrote before the field existed and one a rebuild
   * writes from the same events are the same document.
   */
  readonly placedBy?: string;
  readonly currency: string;
  readonly totalMinor: number;
  readonly totalMajor: number;
  readonly status: OrderViewStatus;
  readonly paymentId: string | null;
  readonly cancelReason: string | null;
  readonly carrier: string | null;
  readonly trackingNumber: string | null;
  readonly placedAt: string;
  readonly confirmedAt: string | null;
  readonly cancelledAt: string | null;
  readonly shippedAt: string | null;
  readonly updatedAt: string;
  readonly streamVersion: number;
  readonly lineCount: number;
  readonly lines: readonly OrderLine[];
}

/**
 * The full document after `event`, from the document before it. Placing starts from nothing
 * (the lines arrive only then); any other event needs the document the placing made, and sets
 * the fields it decides, so building on a newer document still converges.
 */
export const orderDocument = (
  current: OrderDocument | undefined,
  event: OrderEvent,
  streamVersion: number,
): OrderDocument => {
  const d = event.data;
  const facts = {
    orderId: d.orderId,
    customerId: d.customerId,
    merchantId: d.merchantId,
    currency: d.currency,
    totalMinor: d.totalMinor,
    totalMajor: majorUnits(d.totalMinor, d.currency),
    updatedAt: d.at,
    streamVersion,
  };
  if (event.type === 'OrderPlaced') {
    const placedBy = placedByOf(event);
    return {
      ...facts,
      ...(placedBy !== undefined && { placedBy }),
      customerAccountId: event.data.customerAccountId,
      merchantAccountId: event.data.merchantAccountId,
      status: 'placed',
      paymentId: null,
      cancelReason: null,
      carrier: null,
      trackingNumber: null,
      placedAt: d.at,
      confirmedAt: null,
      cancelledAt: null,
      shippedAt: null,
      lineCount: event.data.lines.length,
      lines: event.data.lines,
    };
  }
  if (!current)
    throw new Error(`order ${d.orderId}: no document to apply ${event.type} v${streamVersion} to`);
  const next = { ...current, ...facts };
  switch (event.type) {
    case 'OrderConfirmed':
      return { ...next, status: 'confirmed', paymentId: event.data.paymentId, confirmedAt: d.at };
    case 'OrderCancelled':
      return {
        ...next,
        status: 'cancelled',
        paymentId: event.data.paymentId,
        cancelReason: event.data.reason,
        cancelledAt: d.at,
      };
    case 'OrderShipped':
      return {
        ...next,
        status: 'shipped',
        paymentId: event.data.paymentId,
        carrier: event.data.carrier,
        trackingNumber: event.data.trackingNumber,
        shippedAt: d.at,
      };
    default:
      return assertNever(event);
  }
};
