// Original file: proto/ledgerline/payments/v1/payments.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AuthorizePaymentRequest as _ledgerline_payments_v1_AuthorizePaymentRequest, AuthorizePaymentRequest__Output as _ledgerline_payments_v1_AuthorizePaymentRequest__Output } from '../../../ledgerline/payments/v1/AuthorizePaymentRequest';
import type { AuthorizePaymentResponse as _ledgerline_payments_v1_AuthorizePaymentResponse, AuthorizePaymentResponse__Output as _ledgerline_payments_v1_AuthorizePaymentResponse__Output } from '../../../ledgerline/payments/v1/AuthorizePaymentResponse';
import type { CapturePaymentRequest as _ledgerline_payments_v1_CapturePaymentRequest, CapturePaymentRequest__Output as _ledgerline_payments_v1_CapturePaymentRequest__Output } from '../../../ledgerline/payments/v1/CapturePaymentRequest';
import type { CapturePaymentResponse as _ledgerline_payments_v1_CapturePaymentResponse, CapturePaymentResponse__Output as _ledgerline_payments_v1_CapturePaymentResponse__Output } from '../../../ledgerline/payments/v1/CapturePaymentResponse';
import type { CreatePaymentRequest as _ledgerline_payments_v1_CreatePaymentRequest, CreatePaymentRequest__Output as _ledgerline_payments_v1_CreatePaymentRequest__Output } from '../../../ledgerline/payments/v1/CreatePaymentRequest';
import type { CreatePaymentResponse as _ledgerline_payments_v1_CreatePaymentResponse, CreatePaymentResponse__Output as _ledgerline_payments_v1_CreatePaymentResponse__Output } from '../../../ledgerline/payments/v1/CreatePaymentResponse';
import type { FailPaymentRequest as _ledgerline_payments_v1_FailPaymentRequest, FailPaymentRequest__Output as _ledgerline_payments_v1_FailPaymentRequest__Output } from '../../../ledgerline/payments/v1/FailPaymentRequest';
import type { FailPaymentResponse as _ledgerline_payments_v1_FailPaymentResponse, FailPaymentResponse__Output as _ledgerline_payments_v1_FailPaymentResponse__Output } from '../../../ledgerline/payments/v1/FailPaymentResponse';
import type { RefundPaymentRequest as _ledgerline_payments_v1_RefundPaymentRequest, RefundPaymentRequest__Output as _ledgerline_payments_v1_RefundPaymentRequest__Output } from '../../../ledgerline/payments/v1/RefundPaymentRequest';
import type { RefundPaymentResponse as _ledgerline_payments_v1_RefundPaymentResponse, RefundPaymentResponse__Output as _ledgerline_payments_v1_RefundPaymentResponse__Output } from '../../../ledgerline/payments/v1/RefundPaymentResponse';

/**
 * The write side of payments. A payment moves created -> authorized -> captured ->
 * (partially_)refunded, or created | authorized -> failed. Every command returns the receipt of
 * the events it recorded.
 * 
 * Field names match the names errors use: an INVALID_ARGUMENT names the offending field in
 * lowerCamelCase (`payerAccountId`) in its message and its google.rpc.BadRequest detail. Amounts
 * are integer minor units (cents, pence…), never floats. Ids are chosen by the caller (UUID or
 * ULID) so a retried command addresses the same payment.
 * 
 * Idempotency: send `idempotency_key` (or the `idempotency-key` header). Repeating a key with
 * the same request returns the original receipt with `replayed` set; reusing it for a different
 * request fails with ALREADY_EXISTS.
 */
export interface PaymentCommandServiceClient extends grpc.Client {
  /**
   * Records that the payer's funds are reserved for a created payment.
   */
  AuthorizePayment(argument: _ledgerline_payments_v1_AuthorizePaymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_AuthorizePaymentResponse__Output>): grpc.ClientUnaryCall;
  AuthorizePayment(argument: _ledgerline_payments_v1_AuthorizePaymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_AuthorizePaymentResponse__Output>): grpc.ClientUnaryCall;
  AuthorizePayment(argument: _ledgerline_payments_v1_AuthorizePaymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_AuthorizePaymentResponse__Output>): grpc.ClientUnaryCall;
  AuthorizePayment(argument: _ledgerline_payments_v1_AuthorizePaymentRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_AuthorizePaymentResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Records that the payer's funds are reserved for a created payment.
   */
  authorizePayment(argument: _ledgerline_payments_v1_AuthorizePaymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_AuthorizePaymentResponse__Output>): grpc.ClientUnaryCall;
  authorizePayment(argument: _ledgerline_payments_v1_AuthorizePaymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_AuthorizePaymentResponse__Output>): grpc.ClientUnaryCall;
  authorizePayment(argument: _ledgerline_payments_v1_AuthorizePaymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_AuthorizePaymentResponse__Output>): grpc.ClientUnaryCall;
  authorizePayment(argument: _ledgerline_payments_v1_AuthorizePaymentRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_AuthorizePaymentResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Captures the full authorized amount.
   */
  CapturePayment(argument: _ledgerline_payments_v1_CapturePaymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_CapturePaymentResponse__Output>): grpc.ClientUnaryCall;
  CapturePayment(argument: _ledgerline_payments_v1_CapturePaymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_CapturePaymentResponse__Output>): grpc.ClientUnaryCall;
  CapturePayment(argument: _ledgerline_payments_v1_CapturePaymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_CapturePaymentResponse__Output>): grpc.ClientUnaryCall;
  CapturePayment(argument: _ledgerline_payments_v1_CapturePaymentRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_CapturePaymentResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Captures the full authorized amount.
   */
  capturePayment(argument: _ledgerline_payments_v1_CapturePaymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_CapturePaymentResponse__Output>): grpc.ClientUnaryCall;
  capturePayment(argument: _ledgerline_payments_v1_CapturePaymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_CapturePaymentResponse__Output>): grpc.ClientUnaryCall;
  capturePayment(argument: _ledgerline_payments_v1_CapturePaymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_CapturePaymentResponse__Output>): grpc.ClientUnaryCall;
  capturePayment(argument: _ledgerline_payments_v1_CapturePaymentRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_CapturePaymentResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Records a new payment of `amount` from the payer's account to the payee's, for an order.
   * FAILED_PRECONDITION (rule `already-exists`) when the payment id is taken.
   */
  CreatePayment(argument: _ledgerline_payments_v1_CreatePaymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_CreatePaymentResponse__Output>): grpc.ClientUnaryCall;
  CreatePayment(argument: _ledgerline_payments_v1_CreatePaymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_CreatePaymentResponse__Output>): grpc.ClientUnaryCall;
  CreatePayment(argument: _ledgerline_payments_v1_CreatePaymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_CreatePaymentResponse__Output>): grpc.ClientUnaryCall;
  CreatePayment(argument: _ledgerline_payments_v1_CreatePaymentRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_CreatePaymentResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Records a new payment of `amount` from the payer's account to the payee's, for an order.
   * FAILED_PRECONDITION (rule `already-exists`) when the payment id is taken.
   */
  createPayment(argument: _ledgerline_payments_v1_CreatePaymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_CreatePaymentResponse__Output>): grpc.ClientUnaryCall;
  createPayment(argument: _ledgerline_payments_v1_CreatePaymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_CreatePaymentResponse__Output>): grpc.ClientUnaryCall;
  createPayment(argument: _ledgerline_payments_v1_CreatePaymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_CreatePaymentResponse__Output>): grpc.ClientUnaryCall;
  createPayment(argument: _ledgerline_payments_v1_CreatePaymentRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_CreatePaymentResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Fails a created or authorized payment; the event names any reservation to release.
   */
  FailPayment(argument: _ledgerline_payments_v1_FailPaymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_FailPaymentResponse__Output>): grpc.ClientUnaryCall;
  FailPayment(argument: _ledgerline_payments_v1_FailPaymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_FailPaymentResponse__Output>): grpc.ClientUnaryCall;
  FailPayment(argument: _ledgerline_payments_v1_FailPaymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_FailPaymentResponse__Output>): grpc.ClientUnaryCall;
  FailPayment(argument: _ledgerline_payments_v1_FailPaymentRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_FailPaymentResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Fails a created or authorized payment; the event names any reservation to release.
   */
  failPayment(argument: _ledgerline_payments_v1_FailPaymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_FailPaymentResponse__Output>): grpc.ClientUnaryCall;
  failPayment(argument: _ledgerline_payments_v1_FailPaymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_FailPaymentResponse__Output>): grpc.ClientUnaryCall;
  failPayment(argument: _ledgerline_payments_v1_FailPaymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_FailPaymentResponse__Output>): grpc.ClientUnaryCall;
  failPayment(argument: _ledgerline_payments_v1_FailPaymentRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_FailPaymentResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Refunds part or all of what is left of a captured payment. FAILED_PRECONDITION with rule
   * `refund-exceeds-captured` when the amount exceeds it, `refund-already-exists` when the refund
   * id was used before.
   */
  RefundPayment(argument: _ledgerline_payments_v1_RefundPaymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_RefundPaymentResponse__Output>): grpc.ClientUnaryCall;
  RefundPayment(argument: _ledgerline_payments_v1_RefundPaymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_RefundPaymentResponse__Output>): grpc.ClientUnaryCall;
  RefundPayment(argument: _ledgerline_payments_v1_RefundPaymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_RefundPaymentResponse__Output>): grpc.ClientUnaryCall;
  RefundPayment(argument: _ledgerline_payments_v1_RefundPaymentRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_RefundPaymentResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Refunds part or all of what is left of a captured payment. FAILED_PRECONDITION with rule
   * `refund-exceeds-captured` when the amount exceeds it, `refund-already-exists` when the refund
   * id was used before.
   */
  refundPayment(argument: _ledgerline_payments_v1_RefundPaymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_RefundPaymentResponse__Output>): grpc.ClientUnaryCall;
  refundPayment(argument: _ledgerline_payments_v1_RefundPaymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_RefundPaymentResponse__Output>): grpc.ClientUnaryCall;
  refundPayment(argument: _ledgerline_payments_v1_RefundPaymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_RefundPaymentResponse__Output>): grpc.ClientUnaryCall;
  refundPayment(argument: _ledgerline_payments_v1_RefundPaymentRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_RefundPaymentResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * The write side of payments. A payment moves created -> authorized -> captured ->
 * (partially_)refunded, or created | authorized -> failed. Every command returns the receipt of
 * the events it recorded.
 * 
 * Field names match the names errors use: an INVALID_ARGUMENT names the offending field in
 * lowerCamelCase (`payerAccountId`) in its message and its google.rpc.BadRequest detail. Amounts
 * are integer minor units (cents, pence…), never floats. Ids are chosen by the caller (UUID or
 * ULID) so a retried command addresses the same payment.
 * 
 * Idempotency: send `idempotency_key` (or the `idempotency-key` header). Repeating a key with
 * the same request returns the original receipt with `replayed` set; reusing it for a different
 * request fails with ALREADY_EXISTS.
 */
export interface PaymentCommandServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Records that the payer's funds are reserved for a created payment.
   */
  AuthorizePayment: grpc.handleUnaryCall<_ledgerline_payments_v1_AuthorizePaymentRequest__Output, _ledgerline_payments_v1_AuthorizePaymentResponse>;
  
  /**
   * Captures the full authorized amount.
   */
  CapturePayment: grpc.handleUnaryCall<_ledgerline_payments_v1_CapturePaymentRequest__Output, _ledgerline_payments_v1_CapturePaymentResponse>;
  
  /**
   * Records a new payment of `amount` from the payer's account to the payee's, for an order.
   * FAILED_PRECONDITION (rule `already-exists`) when the payment id is taken.
   */
  CreatePayment: grpc.handleUnaryCall<_ledgerline_payments_v1_CreatePaymentRequest__Output, _ledgerline_payments_v1_CreatePaymentResponse>;
  
  /**
   * Fails a created or authorized payment; the event names any reservation to release.
   */
  FailPayment: grpc.handleUnaryCall<_ledgerline_payments_v1_FailPaymentRequest__Output, _ledgerline_payments_v1_FailPaymentResponse>;
  
  /**
   * Refunds part or all of what is left of a captured payment. FAILED_PRECONDITION with rule
   * `refund-exceeds-captured` when the amount exceeds it, `refund-already-exists` when the refund
   * id was used before.
   */
  RefundPayment: grpc.handleUnaryCall<_ledgerline_payments_v1_RefundPaymentRequest__Output, _ledgerline_payments_v1_RefundPaymentResponse>;
  
}

export interface PaymentCommandServiceDefinition extends grpc.ServiceDefinition {
  AuthorizePayment: MethodDefinition<_ledgerline_payments_v1_AuthorizePaymentRequest, _ledgerline_payments_v1_AuthorizePaymentResponse, _ledgerline_payments_v1_AuthorizePaymentRequest__Output, _ledgerline_payments_v1_AuthorizePaymentResponse__Output>
  CapturePayment: MethodDefinition<_ledgerline_payments_v1_CapturePaymentRequest, _ledgerline_payments_v1_CapturePaymentResponse, _ledgerline_payments_v1_CapturePaymentRequest__Output, _ledgerline_payments_v1_CapturePaymentResponse__Output>
  CreatePayment: MethodDefinition<_ledgerline_payments_v1_CreatePaymentRequest, _ledgerline_payments_v1_CreatePaymentResponse, _ledgerline_payments_v1_CreatePaymentRequest__Output, _ledgerline_payments_v1_CreatePaymentResponse__Output>
  FailPayment: MethodDefinition<_ledgerline_payments_v1_FailPaymentRequest, _ledgerline_payments_v1_FailPaymentResponse, _ledgerline_payments_v1_FailPaymentRequest__Output, _ledgerline_payments_v1_FailPaymentResponse__Output>
  RefundPayment: MethodDefinition<_ledgerline_payments_v1_RefundPaymentRequest, _ledgerline_payments_v1_RefundPaymentResponse, _ledgerline_payments_v1_RefundPaymentRequest__Output, _ledgerline_payments_v1_RefundPaymentResponse__Output>
}
