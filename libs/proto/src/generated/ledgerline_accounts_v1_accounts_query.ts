import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Account as _ledgerline_accounts_v1_Account, Account__Output as _ledgerline_accounts_v1_Account__Output } from './ledgerline/accounts/v1/Account';
import type { AccountCommandServiceClient as _ledgerline_accounts_v1_AccountCommandServiceClient, AccountCommandServiceDefinition as _ledgerline_accounts_v1_AccountCommandServiceDefinition } from './ledgerline/accounts/v1/AccountCommandService';
import type { AccountQueryServiceClient as _ledgerline_accounts_v1_AccountQueryServiceClient, AccountQueryServiceDefinition as _ledgerline_accounts_v1_AccountQueryServiceDefinition } from './ledgerline/accounts/v1/AccountQueryService';
import type { AccountTransaction as _ledgerline_accounts_v1_AccountTransaction, AccountTransaction__Output as _ledgerline_accounts_v1_AccountTransaction__Output } from './ledgerline/accounts/v1/AccountTransaction';
import type { CaptureReservationRequest as _ledgerline_accounts_v1_CaptureReservationRequest, CaptureReservationRequest__Output as _ledgerline_accounts_v1_CaptureReservationRequest__Output } from './ledgerline/accounts/v1/CaptureReservationRequest';
import type { CaptureReservationResponse as _ledgerline_accounts_v1_CaptureReservationResponse, CaptureReservationResponse__Output as _ledgerline_accounts_v1_CaptureReservationResponse__Output } from './ledgerline/accounts/v1/CaptureReservationResponse';
import type { CloseAccountRequest as _ledgerline_accounts_v1_CloseAccountRequest, CloseAccountRequest__Output as _ledgerline_accounts_v1_CloseAccountRequest__Output } from './ledgerline/accounts/v1/CloseAccountRequest';
import type { CloseAccountResponse as _ledgerline_accounts_v1_CloseAccountResponse, CloseAccountResponse__Output as _ledgerline_accounts_v1_CloseAccountResponse__Output } from './ledgerline/accounts/v1/CloseAccountResponse';
import type { CreditFundsRequest as _ledgerline_accounts_v1_CreditFundsRequest, CreditFundsRequest__Output as _ledgerline_accounts_v1_CreditFundsRequest__Output } from './ledgerline/accounts/v1/CreditFundsRequest';
import type { CreditFundsResponse as _ledgerline_accounts_v1_CreditFundsResponse, CreditFundsResponse__Output as _ledgerline_accounts_v1_CreditFundsResponse__Output } from './ledgerline/accounts/v1/CreditFundsResponse';
import type { DebitFundsRequest as _ledgerline_accounts_v1_DebitFundsRequest, DebitFundsRequest__Output as _ledgerline_accounts_v1_DebitFundsRequest__Output } from './ledgerline/accounts/v1/DebitFundsRequest';
import type { DebitFundsResponse as _ledgerline_accounts_v1_DebitFundsResponse, DebitFundsResponse__Output as _ledgerline_accounts_v1_DebitFundsResponse__Output } from './ledgerline/accounts/v1/DebitFundsResponse';
import type { DepositFundsRequest as _ledgerline_accounts_v1_DepositFundsRequest, DepositFundsRequest__Output as _ledgerline_accounts_v1_DepositFundsRequest__Output } from './ledgerline/accounts/v1/DepositFundsRequest';
import type { DepositFundsResponse as _ledgerline_accounts_v1_DepositFundsResponse, DepositFundsResponse__Output as _ledgerline_accounts_v1_DepositFundsResponse__Output } from './ledgerline/accounts/v1/DepositFundsResponse';
import type { FreezeAccountRequest as _ledgerline_accounts_v1_FreezeAccountRequest, FreezeAccountRequest__Output as _ledgerline_accounts_v1_FreezeAccountRequest__Output } from './ledgerline/accounts/v1/FreezeAccountRequest';
import type { FreezeAccountResponse as _ledgerline_accounts_v1_FreezeAccountResponse, FreezeAccountResponse__Output as _ledgerline_accounts_v1_FreezeAccountResponse__Output } from './ledgerline/accounts/v1/FreezeAccountResponse';
import type { GetAccountRequest as _ledgerline_accounts_v1_GetAccountRequest, GetAccountRequest__Output as _ledgerline_accounts_v1_GetAccountRequest__Output } from './ledgerline/accounts/v1/GetAccountRequest';
import type { GetAccountResponse as _ledgerline_accounts_v1_GetAccountResponse, GetAccountResponse__Output as _ledgerline_accounts_v1_GetAccountResponse__Output } from './ledgerline/accounts/v1/GetAccountResponse';
import type { GetBalanceRequest as _ledgerline_accounts_v1_GetBalanceRequest, GetBalanceRequest__Output as _ledgerline_accounts_v1_GetBalanceRequest__Output } from './ledgerline/accounts/v1/GetBalanceRequest';
import type { GetBalanceResponse as _ledgerline_accounts_v1_GetBalanceResponse, GetBalanceResponse__Output as _ledgerline_accounts_v1_GetBalanceResponse__Output } from './ledgerline/accounts/v1/GetBalanceResponse';
import type { ListAccountsRequest as _ledgerline_accounts_v1_ListAccountsRequest, ListAccountsRequest__Output as _ledgerline_accounts_v1_ListAccountsRequest__Output } from './ledgerline/accounts/v1/ListAccountsRequest';
import type { ListAccountsResponse as _ledgerline_accounts_v1_ListAccountsResponse, ListAccountsResponse__Output as _ledgerline_accounts_v1_ListAccountsResponse__Output } from './ledgerline/accounts/v1/ListAccountsResponse';
import type { ListTransactionsRequest as _ledgerline_accounts_v1_ListTransactionsRequest, ListTransactionsRequest__Output as _ledgerline_accounts_v1_ListTransactionsRequest__Output } from './ledgerline/accounts/v1/ListTransactionsRequest';
import type { ListTransactionsResponse as _ledgerline_accounts_v1_ListTransactionsResponse, ListTransactionsResponse__Output as _ledgerline_accounts_v1_ListTransactionsResponse__Output } from './ledgerline/accounts/v1/ListTransactionsResponse';
import type { OpenAccountRequest as _ledgerline_accounts_v1_OpenAccountRequest, OpenAccountRequest__Output as _ledgerline_accounts_v1_OpenAccountRequest__Output } from './ledgerline/accounts/v1/OpenAccountRequest';
import type { OpenAccountResponse as _ledgerline_accounts_v1_OpenAccountResponse, OpenAccountResponse__Output as _ledgerline_accounts_v1_OpenAccountResponse__Output } from './ledgerline/accounts/v1/OpenAccountResponse';
import type { ReleaseReservationRequest as _ledgerline_accounts_v1_ReleaseReservationRequest, ReleaseReservationRequest__Output as _ledgerline_accounts_v1_ReleaseReservationRequest__Output } from './ledgerline/accounts/v1/ReleaseReservationRequest';
import type { ReleaseReservationResponse as _ledgerline_accounts_v1_ReleaseReservationResponse, ReleaseReservationResponse__Output as _ledgerline_accounts_v1_ReleaseReservationResponse__Output } from './ledgerline/accounts/v1/ReleaseReservationResponse';
import type { ReserveFundsRequest as _ledgerline_accounts_v1_ReserveFundsRequest, ReserveFundsRequest__Output as _ledgerline_accounts_v1_ReserveFundsRequest__Output } from './ledgerline/accounts/v1/ReserveFundsRequest';
import type { ReserveFundsResponse as _ledgerline_accounts_v1_ReserveFundsResponse, ReserveFundsResponse__Output as _ledgerline_accounts_v1_ReserveFundsResponse__Output } from './ledgerline/accounts/v1/ReserveFundsResponse';
import type { TransferFundsRequest as _ledgerline_accounts_v1_TransferFundsRequest, TransferFundsRequest__Output as _ledgerline_accounts_v1_TransferFundsRequest__Output } from './ledgerline/accounts/v1/TransferFundsRequest';
import type { TransferFundsResponse as _ledgerline_accounts_v1_TransferFundsResponse, TransferFundsResponse__Output as _ledgerline_accounts_v1_TransferFundsResponse__Output } from './ledgerline/accounts/v1/TransferFundsResponse';
import type { UnfreezeAccountRequest as _ledgerline_accounts_v1_UnfreezeAccountRequest, UnfreezeAccountRequest__Output as _ledgerline_accounts_v1_UnfreezeAccountRequest__Output } from './ledgerline/accounts/v1/UnfreezeAccountRequest';
import type { UnfreezeAccountResponse as _ledgerline_accounts_v1_UnfreezeAccountResponse, UnfreezeAccountResponse__Output as _ledgerline_accounts_v1_UnfreezeAccountResponse__Output } from './ledgerline/accounts/v1/UnfreezeAccountResponse';
import type { WithdrawFundsRequest as _ledgerline_accounts_v1_WithdrawFundsRequest, WithdrawFundsRequest__Output as _ledgerline_accounts_v1_WithdrawFundsRequest__Output } from './ledgerline/accounts/v1/WithdrawFundsRequest';
import type { WithdrawFundsResponse as _ledgerline_accounts_v1_WithdrawFundsResponse, WithdrawFundsResponse__Output as _ledgerline_accounts_v1_WithdrawFundsResponse__Output } from './ledgerline/accounts/v1/WithdrawFundsResponse';
import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from './ledgerline/common/v1/CommandReceipt';
import type { Money as _ledgerline_common_v1_Money, Money__Output as _ledgerline_common_v1_Money__Output } from './ledgerline/common/v1/Money';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  ledgerline: {
    accounts: {
      v1: {
        Account: MessageTypeDefinition<_ledgerline_accounts_v1_Account, _ledgerline_accounts_v1_Account__Output>
        /**
         * The write side of accounts: one RPC per command. Every command answers with a CommandReceipt
         * (where its events landed) or an error status with google.rpc details:
         * INVALID_ARGUMENT    a field is malformed (BadRequest names it); nothing was written.
         * FAILED_PRECONDITION the account's state forbids the command (PreconditionFailure names the rule).
         * NOT_FOUND           no account with that id.
         * ALREADY_EXISTS      the idempotency key was used before for a different request.
         * ABORTED             concurrent writers kept conflicting; retry the command.
         * UNAVAILABLE         a dependency is down; safe to retry with the same idempotency key.
         * 
         * Ids are client-supplied UUIDs or ULIDs, so a retried command addresses the same entity. Every
         * request carries an optional idempotency_key (the `idempotency-key` header is the alternative):
         * repeating a key with the same request returns the original receipt with replayed = true.
         */
        AccountCommandService: SubtypeConstructor<typeof grpc.Client, _ledgerline_accounts_v1_AccountCommandServiceClient> & { service: _ledgerline_accounts_v1_AccountCommandServiceDefinition }
        AccountKind: EnumTypeDefinition
        /**
         * The read side of accounts: balances and transaction histories from the accounts views.
         * 
         * Read-your-writes (ADR 0009): pass the CommandReceipt of a command as consistency_token and the
         * answer includes that command. Without a token the answer may lag the commands by the pipeline
         * (outbox relay, Kafka, projector). Errors, with google.rpc details:
         * INVALID_ARGUMENT   a field is malformed, e.g. a page token issued for another account
         * (BadRequest names the field).
         * NOT_FOUND          the view knows no account with that id (yet, if no token was passed).
         * DEADLINE_EXCEEDED  the view could not apply the token's command within the call's deadline;
         * the message and ErrorInfo (reason READ_MODEL_BEHIND) name the lag. Retry.
         * UNAVAILABLE        a dependency is down; safe to retry.
         */
        AccountQueryService: SubtypeConstructor<typeof grpc.Client, _ledgerline_accounts_v1_AccountQueryServiceClient> & { service: _ledgerline_accounts_v1_AccountQueryServiceDefinition }
        AccountStatus: EnumTypeDefinition
        AccountTransaction: MessageTypeDefinition<_ledgerline_accounts_v1_AccountTransaction, _ledgerline_accounts_v1_AccountTransaction__Output>
        CaptureReservationRequest: MessageTypeDefinition<_ledgerline_accounts_v1_CaptureReservationRequest, _ledgerline_accounts_v1_CaptureReservationRequest__Output>
        CaptureReservationResponse: MessageTypeDefinition<_ledgerline_accounts_v1_CaptureReservationResponse, _ledgerline_accounts_v1_CaptureReservationResponse__Output>
        CloseAccountRequest: MessageTypeDefinition<_ledgerline_accounts_v1_CloseAccountRequest, _ledgerline_accounts_v1_CloseAccountRequest__Output>
        CloseAccountResponse: MessageTypeDefinition<_ledgerline_accounts_v1_CloseAccountResponse, _ledgerline_accounts_v1_CloseAccountResponse__Output>
        CreditFundsRequest: MessageTypeDefinition<_ledgerline_accounts_v1_CreditFundsRequest, _ledgerline_accounts_v1_CreditFundsRequest__Output>
        CreditFundsResponse: MessageTypeDefinition<_ledgerline_accounts_v1_CreditFundsResponse, _ledgerline_accounts_v1_CreditFundsResponse__Output>
        DebitFundsRequest: MessageTypeDefinition<_ledgerline_accounts_v1_DebitFundsRequest, _ledgerline_accounts_v1_DebitFundsRequest__Output>
        DebitFundsResponse: MessageTypeDefinition<_ledgerline_accounts_v1_DebitFundsResponse, _ledgerline_accounts_v1_DebitFundsResponse__Output>
        DepositFundsRequest: MessageTypeDefinition<_ledgerline_accounts_v1_DepositFundsRequest, _ledgerline_accounts_v1_DepositFundsRequest__Output>
        DepositFundsResponse: MessageTypeDefinition<_ledgerline_accounts_v1_DepositFundsResponse, _ledgerline_accounts_v1_DepositFundsResponse__Output>
        FreezeAccountRequest: MessageTypeDefinition<_ledgerline_accounts_v1_FreezeAccountRequest, _ledgerline_accounts_v1_FreezeAccountRequest__Output>
        FreezeAccountResponse: MessageTypeDefinition<_ledgerline_accounts_v1_FreezeAccountResponse, _ledgerline_accounts_v1_FreezeAccountResponse__Output>
        GetAccountRequest: MessageTypeDefinition<_ledgerline_accounts_v1_GetAccountRequest, _ledgerline_accounts_v1_GetAccountRequest__Output>
        GetAccountResponse: MessageTypeDefinition<_ledgerline_accounts_v1_GetAccountResponse, _ledgerline_accounts_v1_GetAccountResponse__Output>
        GetBalanceRequest: MessageTypeDefinition<_ledgerline_accounts_v1_GetBalanceRequest, _ledgerline_accounts_v1_GetBalanceRequest__Output>
        GetBalanceResponse: MessageTypeDefinition<_ledgerline_accounts_v1_GetBalanceResponse, _ledgerline_accounts_v1_GetBalanceResponse__Output>
        ListAccountsRequest: MessageTypeDefinition<_ledgerline_accounts_v1_ListAccountsRequest, _ledgerline_accounts_v1_ListAccountsRequest__Output>
        ListAccountsResponse: MessageTypeDefinition<_ledgerline_accounts_v1_ListAccountsResponse, _ledgerline_accounts_v1_ListAccountsResponse__Output>
        ListTransactionsRequest: MessageTypeDefinition<_ledgerline_accounts_v1_ListTransactionsRequest, _ledgerline_accounts_v1_ListTransactionsRequest__Output>
        ListTransactionsResponse: MessageTypeDefinition<_ledgerline_accounts_v1_ListTransactionsResponse, _ledgerline_accounts_v1_ListTransactionsResponse__Output>
        OpenAccountRequest: MessageTypeDefinition<_ledgerline_accounts_v1_OpenAccountRequest, _ledgerline_accounts_v1_OpenAccountRequest__Output>
        OpenAccountResponse: MessageTypeDefinition<_ledgerline_accounts_v1_OpenAccountResponse, _ledgerline_accounts_v1_OpenAccountResponse__Output>
        ReleaseReservationRequest: MessageTypeDefinition<_ledgerline_accounts_v1_ReleaseReservationRequest, _ledgerline_accounts_v1_ReleaseReservationRequest__Output>
        ReleaseReservationResponse: MessageTypeDefinition<_ledgerline_accounts_v1_ReleaseReservationResponse, _ledgerline_accounts_v1_ReleaseReservationResponse__Output>
        ReserveFundsRequest: MessageTypeDefinition<_ledgerline_accounts_v1_ReserveFundsRequest, _ledgerline_accounts_v1_ReserveFundsRequest__Output>
        ReserveFundsResponse: MessageTypeDefinition<_ledgerline_accounts_v1_ReserveFundsResponse, _ledgerline_accounts_v1_ReserveFundsResponse__Output>
        TransferFundsRequest: MessageTypeDefinition<_ledgerline_accounts_v1_TransferFundsRequest, _ledgerline_accounts_v1_TransferFundsRequest__Output>
        TransferFundsResponse: MessageTypeDefinition<_ledgerline_accounts_v1_TransferFundsResponse, _ledgerline_accounts_v1_TransferFundsResponse__Output>
        UnfreezeAccountRequest: MessageTypeDefinition<_ledgerline_accounts_v1_UnfreezeAccountRequest, _ledgerline_accounts_v1_UnfreezeAccountRequest__Output>
        UnfreezeAccountResponse: MessageTypeDefinition<_ledgerline_accounts_v1_UnfreezeAccountResponse, _ledgerline_accounts_v1_UnfreezeAccountResponse__Output>
        WithdrawFundsRequest: MessageTypeDefinition<_ledgerline_accounts_v1_WithdrawFundsRequest, _ledgerline_accounts_v1_WithdrawFundsRequest__Output>
        WithdrawFundsResponse: MessageTypeDefinition<_ledgerline_accounts_v1_WithdrawFundsResponse, _ledgerline_accounts_v1_WithdrawFundsResponse__Output>
      }
    }
    common: {
      v1: {
        CommandReceipt: MessageTypeDefinition<_ledgerline_common_v1_CommandReceipt, _ledgerline_common_v1_CommandReceipt__Output>
        Money: MessageTypeDefinition<_ledgerline_common_v1_Money, _ledgerline_common_v1_Money__Output>
      }
    }
  }
}

