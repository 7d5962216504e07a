// Original file: proto/ledgerline/orders/v1/orders.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CancelOrderRequest as _ledgerline_orders_v1_CancelOrderRequest, CancelOrderRequest__Output as _ledgerline_orders_v1_CancelOrderRequest__Output } from '../../../ledgerline/orders/v1/CancelOrderRequest';
import type { CancelOrderResponse as _ledgerline_orders_v1_CancelOrderResponse, CancelOrderResponse__Output as _ledgerline_orders_v1_CancelOrderResponse__Output } from '../../../ledgerline/orders/v1/CancelOrderResponse';
import type { ConfirmOrderRequest as _ledgerline_orders_v1_ConfirmOrderRequest, ConfirmOrderRequest__Output as _ledgerline_orders_v1_ConfirmOrderRequest__Output } from '../../../ledgerline/orders/v1/ConfirmOrderRequest';
import type { ConfirmOrderResponse as _ledgerline_orders_v1_ConfirmOrderResponse, ConfirmOrderResponse__Output as _ledgerline_orders_v1_ConfirmOrderResponse__Output } from '../../../ledgerline/orders/v1/ConfirmOrderResponse';
import type { MarkOrderShippedRequest as _ledgerline_orders_v1_MarkOrderShippedRequest, MarkOrderShippedRequest__Output as _ledgerline_orders_v1_MarkOrderShippedRequest__Output } from '../../../ledgerline/orders/v1/MarkOrderShippedRequest';
import type { MarkOrderShippedResponse as _ledgerline_orders_v1_MarkOrderShippedResponse, MarkOrderShippedResponse__Output as _ledgerline_orders_v1_MarkOrderShippedResponse__Output } from '../../../ledgerline/orders/v1/MarkOrderShippedResponse';
import type { PlaceOrderRequest as _ledgerline_orders_v1_PlaceOrderRequest, PlaceOrderRequest__Output as _ledgerline_orders_v1_PlaceOrderRequest__Output } from '../../../ledgerline/orders/v1/PlaceOrderRequest';
import type { PlaceOrderResponse as _ledgerline_orders_v1_PlaceOrderResponse, PlaceOrderResponse__Output as _ledgerline_orders_v1_PlaceOrderResponse__Output } from '../../../ledgerline/orders/v1/PlaceOrderResponse';

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
export interface OrderCommandServiceClient extends grpc.Client {
  /**
   * Cancels a placed or confirmed order; cancelling a confirmed one names the payment to refund.
   */
  CancelOrder(argument: _ledgerline_orders_v1_CancelOrderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_CancelOrderResponse__Output>): grpc.ClientUnaryCall;
  CancelOrder(argument: _ledgerline_orders_v1_CancelOrderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_orders_v1_CancelOrderResponse__Output>): grpc.ClientUnaryCall;
  CancelOrder(argument: _ledgerline_orders_v1_CancelOrderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_CancelOrderResponse__Output>): grpc.ClientUnaryCall;
  CancelOrder(argument: _ledgerline_orders_v1_CancelOrderRequest, callback: grpc.requestCallback<_ledgerline_orders_v1_CancelOrderResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Cancels a placed or confirmed order; cancelling a confirmed one names the payment to refund.
   */
  cancelOrder(argument: _ledgerline_orders_v1_CancelOrderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_CancelOrderResponse__Output>): grpc.ClientUnaryCall;
  cancelOrder(argument: _ledgerline_orders_v1_CancelOrderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_orders_v1_CancelOrderResponse__Output>): grpc.ClientUnaryCall;
  cancelOrder(argument: _ledgerline_orders_v1_CancelOrderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_CancelOrderResponse__Output>): grpc.ClientUnaryCall;
  cancelOrder(argument: _ledgerline_orders_v1_CancelOrderRequest, callback: grpc.requestCallback<_ledgerline_orders_v1_CancelOrderResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Confirms a placed order once its payment is captured.
   */
  ConfirmOrder(argument: _ledgerline_orders_v1_ConfirmOrderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_ConfirmOrderResponse__Output>): grpc.ClientUnaryCall;
  ConfirmOrder(argument: _ledgerline_orders_v1_ConfirmOrderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_orders_v1_ConfirmOrderResponse__Output>): grpc.ClientUnaryCall;
  ConfirmOrder(argument: _ledgerline_orders_v1_ConfirmOrderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_ConfirmOrderResponse__Output>): grpc.ClientUnaryCall;
  ConfirmOrder(argument: _ledgerline_orders_v1_ConfirmOrderRequest, callback: grpc.requestCallback<_ledgerline_orders_v1_ConfirmOrderResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Confirms a placed order once its payment is captured.
   */
  confirmOrder(argument: _ledgerline_orders_v1_ConfirmOrderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_ConfirmOrderResponse__Output>): grpc.ClientUnaryCall;
  confirmOrder(argument: _ledgerline_orders_v1_ConfirmOrderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_orders_v1_ConfirmOrderResponse__Output>): grpc.ClientUnaryCall;
  confirmOrder(argument: _ledgerline_orders_v1_ConfirmOrderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_ConfirmOrderResponse__Output>): grpc.ClientUnaryCall;
  confirmOrder(argument: _ledgerline_orders_v1_ConfirmOrderRequest, callback: grpc.requestCallback<_ledgerline_orders_v1_ConfirmOrderResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Marks a confirmed order as shipped.
   */
  MarkOrderShipped(argument: _ledgerline_orders_v1_MarkOrderShippedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_MarkOrderShippedResponse__Output>): grpc.ClientUnaryCall;
  MarkOrderShipped(argument: _ledgerline_orders_v1_MarkOrderShippedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_orders_v1_MarkOrderShippedResponse__Output>): grpc.ClientUnaryCall;
  MarkOrderShipped(argument: _ledgerline_orders_v1_MarkOrderShippedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_MarkOrderShippedResponse__Output>): grpc.ClientUnaryCall;
  MarkOrderShipped(argument: _ledgerline_orders_v1_MarkOrderShippedRequest, callback: grpc.requestCallback<_ledgerline_orders_v1_MarkOrderShippedResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Marks a confirmed order as shipped.
   */
  markOrderShipped(argument: _ledgerline_orders_v1_MarkOrderShippedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_MarkOrderShippedResponse__Output>): grpc.ClientUnaryCall;
  markOrderShipped(argument: _ledgerline_orders_v1_MarkOrderShippedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_orders_v1_MarkOrderShippedResponse__Output>): grpc.ClientUnaryCall;
  markOrderShipped(argument: _ledgerline_orders_v1_MarkOrderShippedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_MarkOrderShippedResponse__Output>): grpc.ClientUnaryCall;
  markOrderShipped(argument: _ledgerline_orders_v1_MarkOrderShippedRequest, callback: grpc.requestCallback<_ledgerline_orders_v1_MarkOrderShippedResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Places a new order. Its total is computed from the lines. FAILED_PRECONDITION (rule
   * `already-exists`) when the order id is taken.
   */
  PlaceOrder(argument: _ledgerline_orders_v1_PlaceOrderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_PlaceOrderResponse__Output>): grpc.ClientUnaryCall;
  PlaceOrder(argument: _ledgerline_orders_v1_PlaceOrderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_orders_v1_PlaceOrderResponse__Output>): grpc.ClientUnaryCall;
  PlaceOrder(argument: _ledgerline_orders_v1_PlaceOrderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_PlaceOrderResponse__Output>): grpc.ClientUnaryCall;
  PlaceOrder(argument: _ledgerline_orders_v1_PlaceOrderRequest, callback: grpc.requestCallback<_ledgerline_orders_v1_PlaceOrderResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Places a new order. Its total is computed from the lines. FAILED_PRECONDITION (rule
   * `already-exists`) when the order id is taken.
   */
  placeOrder(argument: _ledgerline_orders_v1_PlaceOrderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_PlaceOrderResponse__Output>): grpc.ClientUnaryCall;
  placeOrder(argument: _ledgerline_orders_v1_PlaceOrderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_orders_v1_PlaceOrderResponse__Output>): grpc.ClientUnaryCall;
  placeOrder(argument: _ledgerline_orders_v1_PlaceOrderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_orders_v1_PlaceOrderResponse__Output>): grpc.ClientUnaryCall;
  placeOrder(argument: _ledgerline_orders_v1_PlaceOrderRequest, callback: grpc.requestCallback<_ledgerline_orders_v1_PlaceOrderResponse__Output>): grpc.ClientUnaryCall;
  
}

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
export interface OrderCommandServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Cancels a placed or confirmed order; cancelling a confirmed one names the payment to refund.
   */
  CancelOrder: grpc.handleUnaryCall<_ledgerline_orders_v1_CancelOrderRequest__Output, _ledgerline_orders_v1_CancelOrderResponse>;
  
  /**
   * Confirms a placed order once its payment is captured.
   */
  ConfirmOrder: grpc.handleUnaryCall<_ledgerline_orders_v1_ConfirmOrderRequest__Output, _ledgerline_orders_v1_ConfirmOrderResponse>;
  
  /**
   * Marks a confirmed order as shipped.
   */
  MarkOrderShipped: grpc.handleUnaryCall<_ledgerline_orders_v1_MarkOrderShippedRequest__Output, _ledgerline_orders_v1_MarkOrderShippedResponse>;
  
  /**
   * Places a new order. Its total is computed from the lines. FAILED_PRECONDITION (rule
   * `already-exists`) when the order id is taken.
   */
  PlaceOrder: grpc.handleUnaryCall<_ledgerline_orders_v1_PlaceOrderRequest__Output, _ledgerline_orders_v1_PlaceOrderResponse>;
  
}

export interface OrderCommandServiceDefinition extends grpc.ServiceDefinition {
  CancelOrder: MethodDefinition<_ledgerline_orders_v1_CancelOrderRequest, _ledgerline_orders_v1_CancelOrderResponse, _ledgerline_orders_v1_CancelOrderRequest__Output, _ledgerline_orders_v1_CancelOrderResponse__Output>
  ConfirmOrder: MethodDefinition<_ledgerline_orders_v1_ConfirmOrderRequest, _ledgerline_orders_v1_ConfirmOrderResponse, _ledgerline_orders_v1_ConfirmOrderRequest__Output, _ledgerline_orders_v1_ConfirmOrderResponse__Output>
  MarkOrderShipped: MethodDefinition<_ledgerline_orders_v1_MarkOrderShippedRequest, _ledgerline_orders_v1_MarkOrderShippedResponse, _ledgerline_orders_v1_MarkOrderShippedRequest__Output, _ledgerline_orders_v1_MarkOrderShippedResponse__Output>
  PlaceOrder: MethodDefinition<_ledgerline_orders_v1_PlaceOrderRequest, _ledgerline_orders_v1_PlaceOrderResponse, _ledgerline_orders_v1_PlaceOrderRequest__Output, _ledgerline_orders_v1_PlaceOrderResponse__Output>
}
