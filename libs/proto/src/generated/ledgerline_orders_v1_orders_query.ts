import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from './ledgerline/common/v1/CommandReceipt';
import type { Money as _ledgerline_common_v1_Money, Money__Output as _ledgerline_common_v1_Money__Output } from './ledgerline/common/v1/Money';
import type { GetOrderRequest as _ledgerline_orders_v1_GetOrderRequest, GetOrderRequest__Output as _ledgerline_orders_v1_GetOrderRequest__Output } from './ledgerline/orders/v1/GetOrderRequest';
import type { GetOrderResponse as _ledgerline_orders_v1_GetOrderResponse, GetOrderResponse__Output as _ledgerline_orders_v1_GetOrderResponse__Output } from './ledgerline/orders/v1/GetOrderResponse';
import type { ListOrdersByCustomerRequest as _ledgerline_orders_v1_ListOrdersByCustomerRequest, ListOrdersByCustomerRequest__Output as _ledgerline_orders_v1_ListOrdersByCustomerRequest__Output } from './ledgerline/orders/v1/ListOrdersByCustomerRequest';
import type { ListOrdersByCustomerResponse as _ledgerline_orders_v1_ListOrdersByCustomerResponse, ListOrdersByCustomerResponse__Output as _ledgerline_orders_v1_ListOrdersByCustomerResponse__Output } from './ledgerline/orders/v1/ListOrdersByCustomerResponse';
import type { Order as _ledgerline_orders_v1_Order, Order__Output as _ledgerline_orders_v1_Order__Output } from './ledgerline/orders/v1/Order';
import type { OrderLineItem as _ledgerline_orders_v1_OrderLineItem, OrderLineItem__Output as _ledgerline_orders_v1_OrderLineItem__Output } from './ledgerline/orders/v1/OrderLineItem';
import type { OrderQueryServiceClient as _ledgerline_orders_v1_OrderQueryServiceClient, OrderQueryServiceDefinition as _ledgerline_orders_v1_OrderQueryServiceDefinition } from './ledgerline/orders/v1/OrderQueryService';
import type { SearchFilter as _ledgerline_orders_v1_SearchFilter, SearchFilter__Output as _ledgerline_orders_v1_SearchFilter__Output } from './ledgerline/orders/v1/SearchFilter';
import type { SearchOrdersRequest as _ledgerline_orders_v1_SearchOrdersRequest, SearchOrdersRequest__Output as _ledgerline_orders_v1_SearchOrdersRequest__Output } from './ledgerline/orders/v1/SearchOrdersRequest';
import type { SearchOrdersResponse as _ledgerline_orders_v1_SearchOrdersResponse, SearchOrdersResponse__Output as _ledgerline_orders_v1_SearchOrdersResponse__Output } from './ledgerline/orders/v1/SearchOrdersResponse';
import type { SearchRange as _ledgerline_orders_v1_SearchRange, SearchRange__Output as _ledgerline_orders_v1_SearchRange__Output } from './ledgerline/orders/v1/SearchRange';
import type { SearchSort as _ledgerline_orders_v1_SearchSort, SearchSort__Output as _ledgerline_orders_v1_SearchSort__Output } from './ledgerline/orders/v1/SearchSort';

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
        GetOrderRequest: MessageTypeDefinition<_ledgerline_orders_v1_GetOrderRequest, _ledgerline_orders_v1_GetOrderRequest__Output>
        GetOrderResponse: MessageTypeDefinition<_ledgerline_orders_v1_GetOrderResponse, _ledgerline_orders_v1_GetOrderResponse__Output>
        ListOrdersByCustomerRequest: MessageTypeDefinition<_ledgerline_orders_v1_ListOrdersByCustomerRequest, _ledgerline_orders_v1_ListOrdersByCustomerRequest__Output>
        ListOrdersByCustomerResponse: MessageTypeDefinition<_ledgerline_orders_v1_ListOrdersByCustomerResponse, _ledgerline_orders_v1_ListOrdersByCustomerResponse__Output>
        Order: MessageTypeDefinition<_ledgerline_orders_v1_Order, _ledgerline_orders_v1_Order__Output>
        OrderLineItem: MessageTypeDefinition<_ledgerline_orders_v1_OrderLineItem, _ledgerline_orders_v1_OrderLineItem__Output>
        /**
         * The read side of orders: one order with its lines, a customer's orders (from the PostgreSQL
         * view), and a structured search (from the Elasticsearch `orders` index).
         * 
         * Read-your-writes (ADR 0009): pass the CommandReceipt of a command as consistency_token and the
         * answer includes that command. GetOrder waits for the receipt's stream; ListOrdersByCustomer
         * and SearchOrders wait for every order event up to the receipt. Without a token the answer may
         * lag the commands by the pipeline (outbox relay, Kafka, projector). Errors, with google.rpc
         * details:
         * INVALID_ARGUMENT   a field is malformed, e.g. a page token issued for another customer or a
         * search on a field or with an operator that is not allowed (BadRequest
         * names the field, e.g. `filters[1].op`).
         * NOT_FOUND          the view knows no order with that id (yet, if no token was passed).
         * DEADLINE_EXCEEDED  the view could not apply the token's command within the call's deadline;
         * the message and ErrorInfo (reason READ_MODEL_BEHIND) name the lag. Retry.
         * UNAVAILABLE        a dependency is down; safe to retry.
         */
        OrderQueryService: SubtypeConstructor<typeof grpc.Client, _ledgerline_orders_v1_OrderQueryServiceClient> & { service: _ledgerline_orders_v1_OrderQueryServiceDefinition }
        OrderStatus: EnumTypeDefinition
        SearchFilter: MessageTypeDefinition<_ledgerline_orders_v1_SearchFilter, _ledgerline_orders_v1_SearchFilter__Output>
        SearchOperator: EnumTypeDefinition
        SearchOrdersRequest: MessageTypeDefinition<_ledgerline_orders_v1_SearchOrdersRequest, _ledgerline_orders_v1_SearchOrdersRequest__Output>
        SearchOrdersResponse: MessageTypeDefinition<_ledgerline_orders_v1_SearchOrdersResponse, _ledgerline_orders_v1_SearchOrdersResponse__Output>
        SearchRange: MessageTypeDefinition<_ledgerline_orders_v1_SearchRange, _ledgerline_orders_v1_SearchRange__Output>
        SearchSort: MessageTypeDefinition<_ledgerline_orders_v1_SearchSort, _ledgerline_orders_v1_SearchSort__Output>
        SortOrder: EnumTypeDefinition
      }
    }
  }
}

