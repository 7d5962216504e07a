// Original file: proto/ledgerline/payments/v1/payments_query.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetPaymentRequest as _ledgerline_payments_v1_GetPaymentRequest, GetPaymentRequest__Output as _ledgerline_payments_v1_GetPaymentRequest__Output } from '../../../ledgerline/payments/v1/GetPaymentRequest';
import type { GetPaymentResponse as _ledgerline_payments_v1_GetPaymentResponse, GetPaymentResponse__Output as _ledgerline_payments_v1_GetPaymentResponse__Output } from '../../../ledgerline/payments/v1/GetPaymentResponse';
import type { ListPaymentsRequest as _ledgerline_payments_v1_ListPaymentsRequest, ListPaymentsRequest__Output as _ledgerline_payments_v1_ListPaymentsRequest__Output } from '../../../ledgerline/payments/v1/ListPaymentsRequest';
import type { ListPaymentsResponse as _ledgerline_payments_v1_ListPaymentsResponse, ListPaymentsResponse__Output as _ledgerline_payments_v1_ListPaymentsResponse__Output } from '../../../ledgerline/payments/v1/ListPaymentsResponse';
import type { SearchPaymentsRequest as _ledgerline_payments_v1_SearchPaymentsRequest, SearchPaymentsRequest__Output as _ledgerline_payments_v1_SearchPaymentsRequest__Output } from '../../../ledgerline/payments/v1/SearchPaymentsRequest';
import type { SearchPaymentsResponse as _ledgerline_payments_v1_SearchPaymentsResponse, SearchPaymentsResponse__Output as _ledgerline_payments_v1_SearchPaymentsResponse__Output } from '../../../ledgerline/payments/v1/SearchPaymentsResponse';

/**
 * The read side of payments: one payment, payments listed by party, status and time (from the
 * PostgreSQL view), and a structured search (from the Elasticsearch `payments` index).
 * 
 * Read-your-writes (ADR 0009): pass the CommandReceipt of a command as consistency_token and the
 * answer includes that command. GetPayment waits for the receipt's stream; ListPayments and
 * SearchPayments wait for every payment event up to the receipt. Without a token the answer may
 * lag the commands by the pipeline (outbox relay, Kafka, projector). Errors, with google.rpc
 * details:
 * INVALID_ARGUMENT   a field is malformed, e.g. a page token issued for other filters or a
 * search on a field or with an operator that is not allowed (BadRequest
 * names the field, e.g. `filters[1].op`).
 * NOT_FOUND          the view knows no payment with that id (yet, if no token was passed).
 * DEADLINE_EXCEEDED  the view could not apply the token's command within the call's deadline;
 * the message and ErrorInfo (reason READ_MODEL_BEHIND) name the lag. Retry.
 * UNAVAILABLE        a dependency is down; safe to retry.
 */
export interface PaymentQueryServiceClient extends grpc.Client {
  /**
   * One payment as the view holds it. A caller without owners:any reads only payments created
   * for it; another's is PERMISSION_DENIED.
   */
  GetPayment(argument: _ledgerline_payments_v1_GetPaymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_GetPaymentResponse__Output>): grpc.ClientUnaryCall;
  GetPayment(argument: _ledgerline_payments_v1_GetPaymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_GetPaymentResponse__Output>): grpc.ClientUnaryCall;
  GetPayment(argument: _ledgerline_payments_v1_GetPaymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_GetPaymentResponse__Output>): grpc.ClientUnaryCall;
  GetPayment(argument: _ledgerline_payments_v1_GetPaymentRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_GetPaymentResponse__Output>): grpc.ClientUnaryCall;
  /**
   * One payment as the view holds it. A caller without owners:any reads only payments created
   * for it; another's is PERMISSION_DENIED.
   */
  getPayment(argument: _ledgerline_payments_v1_GetPaymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_GetPaymentResponse__Output>): grpc.ClientUnaryCall;
  getPayment(argument: _ledgerline_payments_v1_GetPaymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_GetPaymentResponse__Output>): grpc.ClientUnaryCall;
  getPayment(argument: _ledgerline_payments_v1_GetPaymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_GetPaymentResponse__Output>): grpc.ClientUnaryCall;
  getPayment(argument: _ledgerline_payments_v1_GetPaymentRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_GetPaymentResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Payments matching every given filter, oldest first, a page at a time. A caller without
   * owners:any gets only payments created for it (the owner is one more filter).
   */
  ListPayments(argument: _ledgerline_payments_v1_ListPaymentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_ListPaymentsResponse__Output>): grpc.ClientUnaryCall;
  ListPayments(argument: _ledgerline_payments_v1_ListPaymentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_ListPaymentsResponse__Output>): grpc.ClientUnaryCall;
  ListPayments(argument: _ledgerline_payments_v1_ListPaymentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_ListPaymentsResponse__Output>): grpc.ClientUnaryCall;
  ListPayments(argument: _ledgerline_payments_v1_ListPaymentsRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_ListPaymentsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Payments matching every given filter, oldest first, a page at a time. A caller without
   * owners:any gets only payments created for it (the owner is one more filter).
   */
  listPayments(argument: _ledgerline_payments_v1_ListPaymentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_ListPaymentsResponse__Output>): grpc.ClientUnaryCall;
  listPayments(argument: _ledgerline_payments_v1_ListPaymentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_ListPaymentsResponse__Output>): grpc.ClientUnaryCall;
  listPayments(argument: _ledgerline_payments_v1_ListPaymentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_ListPaymentsResponse__Output>): grpc.ClientUnaryCall;
  listPayments(argument: _ledgerline_payments_v1_ListPaymentsRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_ListPaymentsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Payments matching structured filters on whitelisted fields, in the requested order, a page
   * at a time. Searchable fields and their operators:
   * paymentId, orderId, payerAccountId, payeeAccountId, ownerId, currency, status,
   * reservationId                                  EQ, IN (exact values; sortable)
   * failureReason                                  EQ, IN (exact values)
   * failureReasonText                              MATCH (full text on the failure reason)
   * amount, capturedAmount, refundedAmount         EQ, RANGE (minor units; sortable)
   * createdAt, authorizedAt, capturedAt, failedAt,
   * refundedAt, updatedAt                          RANGE (RFC 3339; sortable)
   * Values are as docs/analytics/README.md describes the index, e.g. status "captured".
   * Without analytics:read, only payments created for the caller match (ownerId = its subject),
   * whatever the filters ask for.
   */
  SearchPayments(argument: _ledgerline_payments_v1_SearchPaymentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_SearchPaymentsResponse__Output>): grpc.ClientUnaryCall;
  SearchPayments(argument: _ledgerline_payments_v1_SearchPaymentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_SearchPaymentsResponse__Output>): grpc.ClientUnaryCall;
  SearchPayments(argument: _ledgerline_payments_v1_SearchPaymentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_SearchPaymentsResponse__Output>): grpc.ClientUnaryCall;
  SearchPayments(argument: _ledgerline_payments_v1_SearchPaymentsRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_SearchPaymentsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Payments matching structured filters on whitelisted fields, in the requested order, a page
   * at a time. Searchable fields and their operators:
   * paymentId, orderId, payerAccountId, payeeAccountId, ownerId, currency, status,
   * reservationId                                  EQ, IN (exact values; sortable)
   * failureReason                                  EQ, IN (exact values)
   * failureReasonText                              MATCH (full text on the failure reason)
   * amount, capturedAmount, refundedAmount         EQ, RANGE (minor units; sortable)
   * createdAt, authorizedAt, capturedAt, failedAt,
   * refundedAt, updatedAt                          RANGE (RFC 3339; sortable)
   * Values are as docs/analytics/README.md describes the index, e.g. status "captured".
   * Without analytics:read, only payments created for the caller match (ownerId = its subject),
   * whatever the filters ask for.
   */
  searchPayments(argument: _ledgerline_payments_v1_SearchPaymentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_SearchPaymentsResponse__Output>): grpc.ClientUnaryCall;
  searchPayments(argument: _ledgerline_payments_v1_SearchPaymentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_payments_v1_SearchPaymentsResponse__Output>): grpc.ClientUnaryCall;
  searchPayments(argument: _ledgerline_payments_v1_SearchPaymentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_payments_v1_SearchPaymentsResponse__Output>): grpc.ClientUnaryCall;
  searchPayments(argument: _ledgerline_payments_v1_SearchPaymentsRequest, callback: grpc.requestCallback<_ledgerline_payments_v1_SearchPaymentsResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * The read side of payments: one payment, payments listed by party, status and time (from the
 * PostgreSQL view), and a structured search (from the Elasticsearch `payments` index).
 * 
 * Read-your-writes (ADR 0009): pass the CommandReceipt of a command as consistency_token and the
 * answer includes that command. GetPayment waits for the receipt's stream; ListPayments and
 * SearchPayments wait for every payment event up to the receipt. Without a token the answer may
 * lag the commands by the pipeline (outbox relay, Kafka, projector). Errors, with google.rpc
 * details:
 * INVALID_ARGUMENT   a field is malformed, e.g. a page token issued for other filters or a
 * search on a field or with an operator that is not allowed (BadRequest
 * names the field, e.g. `filters[1].op`).
 * NOT_FOUND          the view knows no payment with that id (yet, if no token was passed).
 * DEADLINE_EXCEEDED  the view could not apply the token's command within the call's deadline;
 * the message and ErrorInfo (reason READ_MODEL_BEHIND) name the lag. Retry.
 * UNAVAILABLE        a dependency is down; safe to retry.
 */
export interface PaymentQueryServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * One payment as the view holds it. A caller without owners:any reads only payments created
   * for it; another's is PERMISSION_DENIED.
   */
  GetPayment: grpc.handleUnaryCall<_ledgerline_payments_v1_GetPaymentRequest__Output, _ledgerline_payments_v1_GetPaymentResponse>;
  
  /**
   * Payments matching every given filter, oldest first, a page at a time. A caller without
   * owners:any gets only payments created for it (the owner is one more filter).
   */
  ListPayments: grpc.handleUnaryCall<_ledgerline_payments_v1_ListPaymentsRequest__Output, _ledgerline_payments_v1_ListPaymentsResponse>;
  
  /**
   * Payments matching structured filters on whitelisted fields, in the requested order, a page
   * at a time. Searchable fields and their operators:
   * paymentId, orderId, payerAccountId, payeeAccountId, ownerId, currency, status,
   * reservationId                                  EQ, IN (exact values; sortable)
   * failureReason                                  EQ, IN (exact values)
   * failureReasonText                              MATCH (full text on the failure reason)
   * amount, capturedAmount, refundedAmount         EQ, RANGE (minor units; sortable)
   * createdAt, authorizedAt, capturedAt, failedAt,
   * refundedAt, updatedAt                          RANGE (RFC 3339; sortable)
   * Values are as docs/analytics/README.md describes the index, e.g. status "captured".
   * Without analytics:read, only payments created for the caller match (ownerId = its subject),
   * whatever the filters ask for.
   */
  SearchPayments: grpc.handleUnaryCall<_ledgerline_payments_v1_SearchPaymentsRequest__Output, _ledgerline_payments_v1_SearchPaymentsResponse>;
  
}

export interface PaymentQueryServiceDefinition extends grpc.ServiceDefinition {
  GetPayment: MethodDefinition<_ledgerline_payments_v1_GetPaymentRequest, _ledgerline_payments_v1_GetPaymentResponse, _ledgerline_payments_v1_GetPaymentRequest__Output, _ledgerline_payments_v1_GetPaymentResponse__Output>
  ListPayments: MethodDefinition<_ledgerline_payments_v1_ListPaymentsRequest, _ledgerline_payments_v1_ListPaymentsResponse, _ledgerline_payments_v1_ListPaymentsRequest__Output, _ledgerline_payments_v1_ListPaymentsResponse__Output>
  SearchPayments: MethodDefinition<_ledgerline_payments_v1_SearchPaymentsRequest, _ledgerline_payments_v1_SearchPaymentsResponse, _ledgerline_payments_v1_SearchPaymentsRequest__Output, _ledgerline_payments_v1_SearchPaymentsResponse__Output>
}
