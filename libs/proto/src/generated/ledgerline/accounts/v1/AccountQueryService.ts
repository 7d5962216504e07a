// Original file: proto/ledgerline/accounts/v1/accounts_query.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetBalanceRequest as _ledgerline_accounts_v1_GetBalanceRequest, GetBalanceRequest__Output as _ledgerline_accounts_v1_GetBalanceRequest__Output } from '../../../ledgerline/accounts/v1/GetBalanceRequest';
import type { GetBalanceResponse as _ledgerline_accounts_v1_GetBalanceResponse, GetBalanceResponse__Output as _ledgerline_accounts_v1_GetBalanceResponse__Output } from '../../../ledgerline/accounts/v1/GetBalanceResponse';
import type { ListTransactionsRequest as _ledgerline_accounts_v1_ListTransactionsRequest, ListTransactionsRequest__Output as _ledgerline_accounts_v1_ListTransactionsRequest__Output } from '../../../ledgerline/accounts/v1/ListTransactionsRequest';
import type { ListTransactionsResponse as _ledgerline_accounts_v1_ListTransactionsResponse, ListTransactionsResponse__Output as _ledgerline_accounts_v1_ListTransactionsResponse__Output } from '../../../ledgerline/accounts/v1/ListTransactionsResponse';

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
export interface AccountQueryServiceClient extends grpc.Client {
  /**
   * An account's balance, reserved and available funds, and status. A caller without
   * owners:any reads only accounts it owns (customers and merchants alike); another's is
   * PERMISSION_DENIED.
   */
  GetBalance(argument: _ledgerline_accounts_v1_GetBalanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetBalanceResponse__Output>): grpc.ClientUnaryCall;
  GetBalance(argument: _ledgerline_accounts_v1_GetBalanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetBalanceResponse__Output>): grpc.ClientUnaryCall;
  GetBalance(argument: _ledgerline_accounts_v1_GetBalanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetBalanceResponse__Output>): grpc.ClientUnaryCall;
  GetBalance(argument: _ledgerline_accounts_v1_GetBalanceRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetBalanceResponse__Output>): grpc.ClientUnaryCall;
  /**
   * An account's balance, reserved and available funds, and status. A caller without
   * owners:any reads only accounts it owns (customers and merchants alike); another's is
   * PERMISSION_DENIED.
   */
  getBalance(argument: _ledgerline_accounts_v1_GetBalanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetBalanceResponse__Output>): grpc.ClientUnaryCall;
  getBalance(argument: _ledgerline_accounts_v1_GetBalanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetBalanceResponse__Output>): grpc.ClientUnaryCall;
  getBalance(argument: _ledgerline_accounts_v1_GetBalanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetBalanceResponse__Output>): grpc.ClientUnaryCall;
  getBalance(argument: _ledgerline_accounts_v1_GetBalanceRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetBalanceResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * An account's money movements, newest first, a page at a time. Only the owner's, as for
   * GetBalance.
   */
  ListTransactions(argument: _ledgerline_accounts_v1_ListTransactionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListTransactionsResponse__Output>): grpc.ClientUnaryCall;
  ListTransactions(argument: _ledgerline_accounts_v1_ListTransactionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListTransactionsResponse__Output>): grpc.ClientUnaryCall;
  ListTransactions(argument: _ledgerline_accounts_v1_ListTransactionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListTransactionsResponse__Output>): grpc.ClientUnaryCall;
  ListTransactions(argument: _ledgerline_accounts_v1_ListTransactionsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListTransactionsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * An account's money movements, newest first, a page at a time. Only the owner's, as for
   * GetBalance.
   */
  listTransactions(argument: _ledgerline_accounts_v1_ListTransactionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListTransactionsResponse__Output>): grpc.ClientUnaryCall;
  listTransactions(argument: _ledgerline_accounts_v1_ListTransactionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListTransactionsResponse__Output>): grpc.ClientUnaryCall;
  listTransactions(argument: _ledgerline_accounts_v1_ListTransactionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListTransactionsResponse__Output>): grpc.ClientUnaryCall;
  listTransactions(argument: _ledgerline_accounts_v1_ListTransactionsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListTransactionsResponse__Output>): grpc.ClientUnaryCall;
  
}

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
export interface AccountQueryServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * An account's balance, reserved and available funds, and status. A caller without
   * owners:any reads only accounts it owns (customers and merchants alike); another's is
   * PERMISSION_DENIED.
   */
  GetBalance: grpc.handleUnaryCall<_ledgerline_accounts_v1_GetBalanceRequest__Output, _ledgerline_accounts_v1_GetBalanceResponse>;
  
  /**
   * An account's money movements, newest first, a page at a time. Only the owner's, as for
   * GetBalance.
   */
  ListTransactions: grpc.handleUnaryCall<_ledgerline_accounts_v1_ListTransactionsRequest__Output, _ledgerline_accounts_v1_ListTransactionsResponse>;
  
}

export interface AccountQueryServiceDefinition extends grpc.ServiceDefinition {
  GetBalance: MethodDefinition<_ledgerline_accounts_v1_GetBalanceRequest, _ledgerline_accounts_v1_GetBalanceResponse, _ledgerline_accounts_v1_GetBalanceRequest__Output, _ledgerline_accounts_v1_GetBalanceResponse__Output>
  ListTransactions: MethodDefinition<_ledgerline_accounts_v1_ListTransactionsRequest, _ledgerline_accounts_v1_ListTransactionsResponse, _ledgerline_accounts_v1_ListTransactionsRequest__Output, _ledgerline_accounts_v1_ListTransactionsResponse__Output>
}
