import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from './ledgerline/common/v1/CommandReceipt';
import type { Money as _ledgerline_common_v1_Money, Money__Output as _ledgerline_common_v1_Money__Output } from './ledgerline/common/v1/Money';
import type { CancelOrderRequest as _ledgerline_orders_v1_CancelOrderRequest, CancelOrderRequest__Output as _ledgerline_orders_v1_CancelOrderRequest__Output } from './ledgerline/orders/v1/CancelOrderRequest';
import type { CancelOrderResponse as _ledgerline_orders_v1_CancelOrderResponse, CancelOrderResponse__Output as _ledgerline_orders_v1_CancelOrderResponse__Output } from './ledgerline/orders/v1/CancelOrderResponse';
import type { ConfirmOrderRequest as _ledgerline_orders_v1_ConfirmOrderRequest, ConfirmOrderRequest__Output as _ledgerline_orders_v1_ConfirmOrderRequest__Output } from './ledgerline/orders/v1/ConfirmOrderRequest';
import type { ConfirmOrderResponse as _ledgerline_orders_v1_ConfirmOrderResponse, ConfirmOrderResponse__Output as _ledgerline_orders_v1_ConfirmOrderResponse__Output } from './ledgerline/orders/v1/ConfirmOrderResponse';
import type { MarkOrderShippedRequest as _ledgerline_orders_v1_MarkOrderShippedRequest, MarkOrderShippedRequest__Output as _ledgerline_orders_v1_MarkOrderShippedRequest__Output } from './ledgerline/orders/v1/MarkOrderShippedRequest';
import type { MarkOrderShippedResponse as _ledgerline_orders_v1_MarkOrderShippedResponse, MarkOrderShippedResponse__Output as _ledgerline_orders_v1_MarkOrderShippedResponse__Output } from './ledgerline/orders/v1/MarkOrderShippedResponse';
import type { OrderCommandServiceClient as _ledgerline_orders_v1_OrderCommandServiceClient, OrderCommandServiceDefinition as _ledgerline_orders_v1_OrderCommandServiceDefinition } from './ledgerline/orders/v1/OrderCommandService';
import type { OrderLine as _ledgerline_orders_v1_OrderLine, OrderLine__Output as _ledgerline_orders_v1_OrderLine__Output } from './ledgerline/orders/v1/OrderLine';
import type { PlaceOrderRequest as _ledgerline_orders_v1_PlaceOrderRequest, PlaceOrderRequest__Output as _ledgerline_orders_v1_PlaceOrderRequest__Output } from './ledgerline/orders/v1/PlaceOrderRequest';
import type { PlaceOrderResponse as _ledgerline_orders_v1_PlaceOrderResponse, PlaceOrderResponse__Output as _ledgerline_orders_v1_PlaceOrderResponse__Output } from './ledgerline/orders/v1/PlaceOrderResponse';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  ledgerline: {
    common: {
      v1: {
        CommandReceipt: MessageTypeDefinition<_ledgerline_common_v1_CommandReceipt, _ledgerline_common_v1_CommandReceipt__Output>
        Money: MessageTypeDefinition<_ledgerline_common_v1_Money, _ledgerline_common_v1_Money__Output>
      }
    }
    orders: {
      v1: {
        CancelOrderRequest: MessageTypeDefinition<_ledgerline_orders_v1_CancelOrderRequest, _ledgerline_orders_v1_CancelOrderRequest__Output>
        CancelOrderResponse: MessageTypeDefinition<_ledgerline_orders_v1_CancelOrderResponse, _ledgerline_orders_v1_CancelOrderResponse__Output>
        ConfirmOrderRequest: MessageTypeDefinition<_ledgerline_orders_v1_ConfirmOrderRequest, _ledgerline_orders_v1_ConfirmOrderRequest__Output>
        ConfirmOrderResponse: MessageTypeDefinition<_ledgerline_orders_v1_ConfirmOrderResponse, _ledgerline_orders_v1_ConfirmOrderResponse__Output>
        MarkOrderShippedRequest: MessageTypeDefinition<_ledgerline_orders_v1_MarkOrderShippedRequest, _ledgerline_orders_v1_MarkOrderShippedRequest__Output>
        MarkOrderShippedResponse: MessageTypeDefinition<_ledgerline_orders_v1_MarkOrderShippedResponse, _ledgerline_orders_v1_MarkOrderShippedResponse__Output>
        /**
         * The write side of orders. An order moves placed -> confirmed -> shipped, or
         * placed | confirmed -> cancelled. Every command returns the receipt of the events it recorded.
         * 
         * Field names match the names errors use: an INVALID_ARGUMENT names the offending field in
         * lowerCamelCase (`lines[2].quantity`) in its message and its google.rpc.BadRequest detail.
         * Prices are integer minor units of the order's currency, never floats. Ids are chosen by the
         * caller (UUID or ULID) so a retried command addresses the same order.
         * 
         * Idempotency: send `idempotency_key` (or the `idempotency-key` header). Repeating a key with
         * the same request returns the original receipt with `replayed` set; reusing it for a different
         * request fails with ALREADY_EXISTS.
         */
        OrderCommandService: SubtypeConstructor<typeof grpc.Client, _ledgerline_orders_v1_OrderCommandServiceClient> & { service: _ledgerline_orders_v1_OrderCommandServiceDefinition }
        OrderLine: MessageTypeDefinition<_ledgerline_orders_v1_OrderLine, _ledgerline_orders_v1_OrderLine__Output>
        PlaceOrderRequest: MessageTypeDefinition<_ledgerline_orders_v1_PlaceOrderRequest, _ledgerline_orders_v1_PlaceOrderRequest__Output>
        PlaceOrderResponse: MessageTypeDefinition<_ledgerline_orders_v1_PlaceOrderResponse, _ledgerline_orders_v1_PlaceOrderResponse__Output>
      }
    }
  }
}

