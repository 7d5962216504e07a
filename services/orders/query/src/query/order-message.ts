import { type OrderDocument, type OrderView, type OrderViewStatus } from '@ledgerline/orders-views';
import { type ordersV1 } from '@ledgerline/proto';

const TO_PROTO: Readonly<
  Record<OrderViewStatus, Exclude<ordersV1.OrderStatus__Output, 'ORDER_STATUS_UNSPECIFIED'>>
> = {
  placed: 'ORDER_STATUS_PLACED',
  confirmed: 'ORDER_STATUS_CONFIRMED',
  shipped: 'ORDER_STATUS_SHIPPED',
  cancelled: 'ORDER_STATUS_CANCELLED',
};

/** An order as the Order message: absent values become empty strings, amounts minor units. */
export const orderMessage = (order: OrderView): ordersV1.Order => ({
  orderId: order.orderId,
  customerId: order.customerId,
  merchantId: order.merchantId,
  customerAccountId: order.customerAccountId,
  merchantAccountId: order.merchantAccountId,
  currency: order.currency,
  totalMinor: String(order.totalMinor),
  status: TO_PROTO[order.status],
  paymentId: order.paymentId ?? '',
  cancelReason: order.cancelReason ?? '',
  carrier: order.carrier ?? '',
  trackingNumber: order.trackingNumber ?? '',
  placedAt: order.placedAt,
  confirmedAt: order.confirmedAt ?? '',
  cancelledAt: order.cancelledAt ?? '',
  shippedAt: order.shippedAt ?? '',
  updatedAt: order.updatedAt,
  streamVersion: String(order.streamVersion),
  lines: order.lines.map((line) => ({
    lineNo: line.lineNo,
    sku: line.sku,
    description: line.description,
    quantity: line.quantity,
    unitPriceMinor: String(line.unitPriceMinor),
    lineTotalMinor: String(line.lineTotalMinor),
  })),
});

/** A search document as the view's order: its lines numbered from 1 in the order given. */
export const orderOfDocument = ({
  totalMajor: _totalMajor,
  lineCount: _lineCount,
  lines,
  placedBy,
  ...order
}: OrderDocument): OrderView => ({
  ...order,
  placedBy: placedBy ?? null,
  lines: lines.map((line, i) => ({ ...line, lineNo: i + 1 })),
});
