import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from './ledgerline/common/v1/CommandReceipt';
import type { Money as _ledgerline_common_v1_Money, Money__Output as _ledgerline_common_v1_Money__Output } from './ledgerline/common/v1/Money';
import type { GetPaymentRequest as _ledgerline_payments_v1_GetPaymentRequest, GetPaymentRequest__Output as _ledgerline_payments_v1_GetPaymentRequest__Output } from './ledgerline/payments/v1/GetPaymentRequest';
import type { GetPaymentResponse as _ledgerline_payments_v1_GetPaymentResponse, GetPaymentResponse__Output as _ledgerline_payments_v1_GetPaymentResponse__Output } from './ledgerline/payments/v1/GetPaymentResponse';
import type { ListPaymentsRequest as _ledgerline_payments_v1_ListPaymentsRequest, ListPaymentsRequest__Output as _ledgerline_payments_v1_ListPaymentsRequest__Output } from './ledgerline/payments/v1/ListPaymentsRequest';
import type { ListPaymentsResponse as _ledgerline_payments_v1_ListPaymentsResponse, ListPaymentsResponse__Output as _ledgerline_payments_v1_ListPaymentsResponse__Output } from './ledgerline/payments/v1/ListPaymentsResponse';
import type { Payment as _ledgerline_payments_v1_Payment, Payment__Output as _ledgerline_payments_v1_Payment__Output } from './ledgerline/payments/v1/Payment';
import type { PaymentQueryServiceClient as _ledgerline_payments_v1_PaymentQueryServiceClient, PaymentQueryServiceDefinition as _ledgerline_payments_v1_PaymentQueryServiceDefinition } from './ledgerline/payments/v1/PaymentQueryService';
import type { SearchFilter as _ledgerline_payments_v1_SearchFilter, SearchFilter__Output as _ledgerline_payments_v1_SearchFilter__Output } from './ledgerline/payments/v1/SearchFilter';
import type { SearchPaymentsRequest as _ledgerline_payments_v1_SearchPaymentsRequest, SearchPaymentsRequest__Output as _ledgerline_payments_v1_SearchPaymentsRequest__Output } from './ledgerline/payments/v1/SearchPaymentsRequest';
import type { SearchPaymentsResponse as _ledgerline_payments_v1_SearchPaymentsResponse, SearchPaymentsResponse__Output as _ledgerline_payments_v1_SearchPaymentsResponse__Output } from './ledgerline/payments/v1/SearchPaymentsResponse';
import type { SearchRange as _ledgerline_payments_v1_SearchRange, SearchRange__Output as _ledgerline_payments_v1_SearchRange__Output } from './ledgerline/payments/v1/SearchRange';
import type { SearchSort as _ledgerline_payments_v1_SearchSort, SearchSort__Output as _ledgerline_payments_v1_SearchSort__Output } from './ledgerline/payments/v1/SearchSort';

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
        GetPaymentRequest: MessageTypeDefinition<_ledgerline_payments_v1_GetPaymentRequest, _ledgerline_payments_v1_GetPaymentRequest__Output>
        GetPaymentResponse: MessageTypeDefinition<_ledgerline_payments_v1_GetPaymentResponse, _ledgerline_payments_v1_GetPaymentResponse__Output>
        ListPaymentsRequest: MessageTypeDefinition<_ledgerline_payments_v1_ListPaymentsRequest, _ledgerline_payments_v1_ListPaymentsRequest__Output>
        ListPaymentsResponse: MessageTypeDefinition<_ledgerline_payments_v1_ListPaymentsResponse, _ledgerline_payments_v1_ListPaymentsResponse__Output>
        Payment: MessageTypeDefinition<_ledgerline_payments_v1_Payment, _ledgerline_payments_v1_Payment__Output>
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
        PaymentQueryService: SubtypeConstructor<typeof grpc.Client, _ledgerline_payments_v1_PaymentQueryServiceClient> & { service: _ledgerline_payments_v1_PaymentQueryServiceDefinition }
        PaymentStatus: EnumTypeDefinition
        SearchFilter: MessageTypeDefinition<_ledgerline_payments_v1_SearchFilter, _ledgerline_payments_v1_SearchFilter__Output>
        SearchOperator: EnumTypeDefinition
        SearchPaymentsRequest: MessageTypeDefinition<_ledgerline_payments_v1_SearchPaymentsRequest, _ledgerline_payments_v1_SearchPaymentsRequest__Output>
        SearchPaymentsResponse: MessageTypeDefinition<_ledgerline_payments_v1_SearchPaymentsResponse, _ledgerline_payments_v1_SearchPaymentsResponse__Output>
        SearchRange: MessageTypeDefinition<_ledgerline_payments_v1_SearchRange, _ledgerline_payments_v1_SearchRange__Output>
        SearchSort: MessageTypeDefinition<_ledgerline_payments_v1_SearchSort, _ledgerline_payments_v1_SearchSort__Output>
        SortOrder: EnumTypeDefinition
      }
    }
  }
}

