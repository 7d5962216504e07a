// Original file: proto/ledgerline/orders/v1/orders_query.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetOrderRequest as _ledgerline_orders_v1_GetOrderRequest, GetOrderRequest__Output as _ledgerline_orders_v1_GetOrderRequest__Output } from '../../../ledgerline/orders/v1/GetOrderRequest';
import type { GetOrderResponse as _ledgerline_orders_v1_GetOrderResponse, GetOrderResponse__Output as _ledgerline_orders_v1_GetOrderResponse__Output } from '../../../ledgerline/orders/v1/GetOrderResponse';
import type { ListOrdersByCustomerRequest as _ledgerline_orders_v1_ListOrdersByCustomerRequest, ListOrdersByCustomerRequest__Output as _ledgerline_orders_v1_ListOrdersByCustomerRequest__Output } from '../../../ledgerline/orders/v1/ListOrdersByCustomerRequest';
import type { ListOrdersByCustomerResponse as _ledgerline_orders_v1_ListOrdersByCustomerResponse, ListOrdersByCustomerResponse__Output as _ledgerline_orders_v1_ListOrdersByCustomerResponse__Output } from '../../../ledgerline/orders/v1/ListOrdersByCustomerResponse';
import type { SearchOrdersRequest as _ledgerline_orders_v1_SearchOrdersRequest, SearchOrdersRequest__Output as _ledgerline_orders_v1_SearchOrdersRequest__Output } from '../../../ledgerline/orders/v1/SearchOrdersRequest';
import type { SearchOrdersResponse as _ledgerline_orders_v1_SearchOrdersResponse, SearchOrdersResponse__Output as _ledgerline_orders_v1_SearchOrdersResponse__Output } from '../../../ledgerline/orders/v1/SearchOrdersResponse';

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
export interface OrderQueryServiceClient extends grpc.Client {
  /**
   * One order with its lines. A caller without owners:any reads only orders it placed;
   * another's is PERMISSION_DENIED.
   */
  GetOrder(argument: _ledgerline_orders_v1_GetOrderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_GetOrderResponse__Output>): grpc.ClientUnaryCall;
  GetOrder(argument: _ledgerline_orders_v1_GetOrderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_orders_v1_GetOrderResponse__Output>): grpc.ClientUnaryCall;
  GetOrder(argument: _ledgerline_orders_v1_GetOrderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_GetOrderResponse__Output>): grpc.ClientUnaryCall;
  GetOrder(argument: _ledgerline_orders_v1_GetOrderRequest, callback: grpc.requestCallback<_ledgerline_orders_v1_GetOrderResponse__Output>): grpc.ClientUnaryCall;
  /**
   * One order with its lines. A caller without owners:any reads only orders it placed;
   * another's is PERMISSION_DENIED.
   */
  getOrder(argument: _ledgerline_orders_v1_GetOrderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_GetOrderResponse__Output>): grpc.ClientUnaryCall;
  getOrder(argument: _ledgerline_orders_v1_GetOrderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_orders_v1_GetOrderResponse__Output>): grpc.ClientUnaryCall;
  getOrder(argument: _ledgerline_orders_v1_GetOrderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_GetOrderResponse__Output>): grpc.ClientUnaryCall;
  getOrder(argument: _ledgerline_orders_v1_GetOrderRequest, callback: grpc.requestCallback<_ledgerline_orders_v1_GetOrderResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A customer's orders with their lines, oldest first, a page at a time. A caller without
   * owners:any gets only the orders it placed among them: the list is filtered, never refused,
   * so a customer id says nothing about orders others placed (empty when there are none of its
   * own); its page tokens fit its own list only.
   */
  ListOrdersByCustomer(argument: _ledgerline_orders_v1_ListOrdersByCustomerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_ListOrdersByCustomerResponse__Output>): grpc.ClientUnaryCall;
  ListOrdersByCustomer(argument: _ledgerline_orders_v1_ListOrdersByCustomerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_orders_v1_ListOrdersByCustomerResponse__Output>): grpc.ClientUnaryCall;
  ListOrdersByCustomer(argument: _ledgerline_orders_v1_ListOrdersByCustomerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_ListOrdersByCustomerResponse__Output>): grpc.ClientUnaryCall;
  ListOrdersByCustomer(argument: _ledgerline_orders_v1_ListOrdersByCustomerRequest, callback: grpc.requestCallback<_ledgerline_orders_v1_ListOrdersByCustomerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * A customer's orders with their lines, oldest first, a page at a time. A caller without
   * owners:any gets only the orders it placed among them: the list is filtered, never refused,
   * so a customer id says nothing about orders others placed (empty when there are none of its
   * own); its page tokens fit its own list only.
   */
  listOrdersByCustomer(argument: _ledgerline_orders_v1_ListOrdersByCustomerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_ListOrdersByCustomerResponse__Output>): grpc.ClientUnaryCall;
  listOrdersByCustomer(argument: _ledgerline_orders_v1_ListOrdersByCustomerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_orders_v1_ListOrdersByCustomerResponse__Output>): grpc.ClientUnaryCall;
  listOrdersByCustomer(argument: _ledgerline_orders_v1_ListOrdersByCustomerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_ListOrdersByCustomerResponse__Output>): grpc.ClientUnaryCall;
  listOrdersByCustomer(argument: _ledgerline_orders_v1_ListOrdersByCustomerRequest, callback: grpc.requestCallback<_ledgerline_orders_v1_ListOrdersByCustomerResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Orders matching structured filters on whitelisted fields, in the requested order, a page at
   * a time. Searchable fields and their operators:
   * orderId, customerId, merchantId, customerAccountId, merchantAccountId, paymentId,
   * placedBy, currency, status, carrier,
   * trackingNumber                                 EQ, IN (exact values; sortable)
   * lineSku                                        EQ, IN (any line's SKU)
   * lineDescription                                MATCH (full text on any line's description)
   * cancelReasonText                               MATCH (full text on the cancel reason)
   * totalMinor, lineCount                          EQ, RANGE (sortable)
   * placedAt, confirmedAt, cancelledAt, shippedAt,
   * updatedAt                                      RANGE (RFC 3339; sortable)
   * Values are as docs/analytics/README.md describes the index, e.g. status "shipped".
   * Without analytics:read, only orders the caller placed match (placedBy = its subject),
   * whatever the filters ask for.
   */
  SearchOrders(argument: _ledgerline_orders_v1_SearchOrdersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_SearchOrdersResponse__Output>): grpc.ClientUnaryCall;
  SearchOrders(argument: _ledgerline_orders_v1_SearchOrdersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_orders_v1_SearchOrdersResponse__Output>): grpc.ClientUnaryCall;
  SearchOrders(argument: _ledgerline_orders_v1_SearchOrdersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_SearchOrdersResponse__Output>): grpc.ClientUnaryCall;
  SearchOrders(argument: _ledgerline_orders_v1_SearchOrdersRequest, callback: grpc.requestCallback<_ledgerline_orders_v1_SearchOrdersResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Orders matching structured filters on whitelisted fields, in the requested order, a page at
   * a time. Searchable fields and their operators:
   * orderId, customerId, merchantId, customerAccountId, merchantAccountId, paymentId,
   * placedBy, currency, status, carrier,
   * trackingNumber                                 EQ, IN (exact values; sortable)
   * lineSku                                        EQ, IN (any line's SKU)
   * lineDescription                                MATCH (full text on any line's description)
   * cancelReasonText                               MATCH (full text on the cancel reason)
   * totalMinor, lineCount                          EQ, RANGE (sortable)
   * placedAt, confirmedAt, cancelledAt, shippedAt,
   * updatedAt                                      RANGE (RFC 3339; sortable)
   * Values are as docs/analytics/README.md describes the index, e.g. status "shipped".
   * Without analytics:read, only orders the caller placed match (placedBy = its subject),
   * whatever the filters ask for.
   */
  searchOrders(argument: _ledgerline_orders_v1_SearchOrdersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_SearchOrdersResponse__Output>): grpc.ClientUnaryCall;
  searchOrders(argument: _ledgerline_orders_v1_SearchOrdersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_orders_v1_SearchOrdersResponse__Output>): grpc.ClientUnaryCall;
  searchOrders(argument: _ledgerline_orders_v1_SearchOrdersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_SearchOrdersResponse__Output>): grpc.ClientUnaryCall;
  searchOrders(argument: _ledgerline_orders_v1_SearchOrdersRequest, callback: grpc.requestCallback<_ledgerline_orders_v1_SearchOrdersResponse__Output>): grpc.ClientUnaryCall;
  
}

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
export interface OrderQueryServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * One order with its lines. A caller without owners:any reads only orders it placed;
   * another's is PERMISSION_DENIED.
   */
  GetOrder: grpc.handleUnaryCall<_ledgerline_orders_v1_GetOrderRequest__Output, _ledgerline_orders_v1_GetOrderResponse>;
  
  /**
   * A customer's orders with their lines, oldest first, a page at a time. A caller without
   * owners:any gets only the orders it placed among them: the list is filtered, never refused,
   * so a customer id says nothing about orders others placed (empty when there are none of its
   * own); its page tokens fit its own list only.
   */
  ListOrdersByCustomer: grpc.handleUnaryCall<_ledgerline_orders_v1_ListOrdersByCustomerRequest__Output, _ledgerline_orders_v1_ListOrdersByCustomerResponse>;
  
  /**
   * Orders matching structured filters on whitelisted fields, in the requested order, a page at
   * a time. Searchable fields and their operators:
   * orderId, customerId, merchantId, customerAccountId, merchantAccountId, paymentId,
   * placedBy, currency, status, carrier,
   * trackingNumber                                 EQ, IN (exact values; sortable)
   * lineSku                                        EQ, IN (any line's SKU)
   * lineDescription                                MATCH (full text on any line's description)
   * cancelReasonText                               MATCH (full text on the cancel reason)
   * totalMinor, lineCount                          EQ, RANGE (sortable)
   * placedAt, confirmedAt, cancelledAt, shippedAt,
   * updatedAt                                      RANGE (RFC 3339; sortable)
   * Values are as docs/analytics/README.md describes the index, e.g. status "shipped".
   * Without analytics:read, only orders the caller placed match (placedBy = its subject),
   * whatever the filters ask for.
   */
  SearchOrders: grpc.handleUnaryCall<_ledgerline_orders_v1_SearchOrdersRequest__Output, _ledgerline_orders_v1_SearchOrdersResponse>;
  
}

export interface OrderQueryServiceDefinition extends grpc.ServiceDefinition {
  GetOrder: MethodDefinition<_ledgerline_orders_v1_GetOrderRequest, _ledgerline_orders_v1_GetOrderResponse, _ledgerline_orders_v1_GetOrderRequest__Output, _ledgerline_orders_v1_GetOrderResponse__Output>
  ListOrdersByCustomer: MethodDefinition<_ledgerline_orders_v1_ListOrdersByCustomerRequest, _ledgerline_orders_v1_ListOrdersByCustomerResponse, _ledgerline_orders_v1_ListOrdersByCustomerRequest__Output, _ledgerline_orders_v1_ListOrdersByCustomerResponse__Output>
  SearchOrders: MethodDefinition<_ledgerline_orders_v1_SearchOrdersRequest, _ledgerline_orders_v1_SearchOrdersResponse, _ledgerline_orders_v1_SearchOrdersRequest__Output, _ledgerline_orders_v1_SearchOrdersResponse__Output>
}
