// Original file: proto/ledgerline/orders/v1/orders_query.proto

import type { Order as _ledgerline_orders_v1_Order, Order__Output as _ledgerline_orders_v1_Order__Output } from '../../../ledgerline/orders/v1/Order';

export interface GetOrderResponse {
  'order'?: (_ledgerline_orders_v1_Order | null);
}

export interface GetOrderResponse__Output {
  'order': (_ledgerline_orders_v1_Order__Output | null);
}
