import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from './ledgerline/common/v1/CommandReceipt';
import type { Money as _ledgerline_common_v1_Money, Money__Output as _ledgerline_common_v1_Money__Output } from './ledgerline/common/v1/Money';
import type { AuthorizePaymentRequest as _ledgerline_payments_v1_AuthorizePaymentRequest, AuthorizePaymentRequest__Output as _ledgerline_payments_v1_AuthorizePaymentRequest__Output } from './ledgerline/payments/v1/AuthorizePaymentRequest';
import type { AuthorizePaymentResponse as _ledgerline_payments_v1_AuthorizePaymentResponse, AuthorizePaymentResponse__Output as _ledgerline_payments_v1_AuthorizePaymentResponse__Output } from './ledgerline/payments/v1/AuthorizePaymentResponse';
import type { CapturePaymentRequest as _ledgerline_payments_v1_CapturePaymentRequest, CapturePaymentRequest__Output as _ledgerline_payments_v1_CapturePaymentRequest__Output } from './ledgerline/payments/v1/CapturePaymentRequest';
import type { CapturePaymentResponse as _ledgerline_payments_v1_CapturePaymentResponse, CapturePaymentResponse__Output as _ledgerline_payments_v1_CapturePaymentResponse__Output } from './ledgerline/payments/v1/CapturePaymentResponse';
import type { CreatePaymentRequest as _ledgerline_payments_v1_CreatePaymentRequest, CreatePaymentRequest__Output as _ledgerline_payments_v1_CreatePaymentRequest__Output } from './ledgerline/payments/v1/CreatePaymentRequest';
import type { CreatePaymentResponse as _ledgerline_payments_v1_CreatePaymentResponse, CreatePaymentResponse__Output as _ledgerline_payments_v1_CreatePaymentResponse__Output } from './ledgerline/payments/v1/CreatePaymentResponse';
import type { FailPaymentRequest as _ledgerline_payments_v1_FailPaymentRequest, FailPaymentRequest__Output as _ledgerline_payments_v1_FailPaymentRequest__Output } from './ledgerline/payments/v1/FailPaymentRequest';
import type { FailPaymentResponse as _ledgerline_payments_v1_FailPaymentResponse, FailPaymentResponse__Output as _ledgerline_payments_v1_FailPaymentResponse__Output } from './ledgerline/payments/v1/FailPaymentResponse';
import type { PaymentCommandServiceClient as _ledgerline_payments_v1_PaymentCommandServiceClient, PaymentCommandServiceDefinition as _ledgerline_payments_v1_PaymentCommandServiceDefinition } from './ledgerline/payments/v1/PaymentCommandService';
import type { RefundPaymentRequest as _ledgerline_payments_v1_RefundPaymentRequest, RefundPaymentRequest__Output as _ledgerline_payments_v1_RefundPaymentRequest__Output } from './ledgerline/payments/v1/RefundPaymentRequest';
import type { RefundPaymentResponse as _ledgerline_payments_v1_RefundPaymentResponse, RefundPaymentResponse__Output as _ledgerline_payments_v1_RefundPaymentResponse__Output } from './ledgerline/payments/v1/RefundPaymentResponse';

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
    payments: {
      v1: {
        AuthorizePaymentRequest: MessageTypeDefinition<_ledgerline_payments_v1_AuthorizePaymentRequest, _ledgerline_payments_v1_AuthorizePaymentRequest__Output>
        AuthorizePaymentResponse: MessageTypeDefinition<_ledgerline_payments_v1_AuthorizePaymentResponse, _ledgerline_payments_v1_AuthorizePaymentResponse__Output>
        CapturePaymentRequest: MessageTypeDefinition<_ledgerline_payments_v1_CapturePaymentRequest, _ledgerline_payments_v1_CapturePaymentRequest__Output>
        CapturePaymentResponse: MessageTypeDefinition<_ledgerline_payments_v1_CapturePaymentResponse, _ledgerline_payments_v1_CapturePaymentResponse__Output>
        CreatePaymentRequest: MessageTypeDefinition<_ledgerline_payments_v1_CreatePaymentRequest, _ledgerline_payments_v1_CreatePaymentRequest__Output>
        CreatePaymentResponse: MessageTypeDefinition<_ledgerline_payments_v1_CreatePaymentResponse, _ledgerline_payments_v1_CreatePaymentResponse__Output>
        FailPaymentRequest: MessageTypeDefinition<_ledgerline_payments_v1_FailPaymentRequest, _ledgerline_payments_v1_FailPaymentRequest__Output>
        FailPaymentResponse: MessageTypeDefinition<_ledgerline_payments_v1_FailPaymentResponse, _ledgerline_payments_v1_FailPaymentResponse__Output>
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
        PaymentCommandService: SubtypeConstructor<typeof grpc.Client, _ledgerline_payments_v1_PaymentCommandServiceClient> & { service: _ledgerline_payments_v1_PaymentCommandServiceDefinition }
        RefundPaymentRequest: MessageTypeDefinition<_ledgerline_payments_v1_RefundPaymentRequest, _ledgerline_payments_v1_RefundPaymentRequest__Output>
        RefundPaymentResponse: MessageTypeDefinition<_ledgerline_payments_v1_RefundPaymentResponse, _ledgerline_payments_v1_RefundPaymentResponse__Output>
      }
    }
  }
}

