// Original file: proto/ledgerline/accounts/v1/accounts_query.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetAccountRequest as _ledgerline_accounts_v1_GetAccountRequest, GetAccountRequest__Output as _ledgerline_accounts_v1_GetAccountRequest__Output } from '../../../ledgerline/accounts/v1/GetAccountRequest';
import type { GetAccountResponse as _ledgerline_accounts_v1_GetAccountResponse, GetAccountResponse__Output as _ledgerline_accounts_v1_GetAccountResponse__Output } from '../../../ledgerline/accounts/v1/GetAccountResponse';
import type { GetBalanceRequest as _ledgerline_accounts_v1_GetBalanceRequest, GetBalanceRequest__Output as _ledgerline_accounts_v1_GetBalanceRequest__Output } from '../../../ledgerline/accounts/v1/GetBalanceRequest';
import type { GetBalanceResponse as _ledgerline_accounts_v1_GetBalanceResponse, GetBalanceResponse__Output as _ledgerline_accounts_v1_GetBalanceResponse__Output } from '../../../ledgerline/accounts/v1/GetBalanceResponse';
import type { ListAccountsRequest as _ledgerline_accounts_v1_ListAccountsRequest, ListAccountsRequest__Output as _ledgerline_accounts_v1_ListAccountsRequest__Output } from '../../../ledgerline/accounts/v1/ListAccountsRequest';
import type { ListAccountsResponse as _ledgerline_accounts_v1_ListAccountsResponse, ListAccountsResponse__Output as _ledgerline_accounts_v1_ListAccountsResponse__Output } from '../../../ledgerline/accounts/v1/ListAccountsResponse';
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
   * One account of the directory: owner, kind, currency, status, funds, times and version. A
   * caller without owners:any reads only accounts it owns, as for GetBalance.
   */
  GetAccount(argument: _ledgerline_accounts_v1_GetAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetAccountResponse__Output>): grpc.ClientUnaryCall;
  GetAccount(argument: _ledgerline_accounts_v1_GetAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetAccountResponse__Output>): grpc.ClientUnaryCall;
  GetAccount(argument: _ledgerline_accounts_v1_GetAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetAccountResponse__Output>): grpc.ClientUnaryCall;
  GetAccount(argument: _ledgerline_accounts_v1_GetAccountRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetAccountResponse__Output>): grpc.ClientUnaryCall;
  /**
   * One account of the directory: owner, kind, currency, status, funds, times and version. A
   * caller without owners:any reads only accounts it owns, as for GetBalance.
   */
  getAccount(argument: _ledgerline_accounts_v1_GetAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetAccountResponse__Output>): grpc.ClientUnaryCall;
  getAccount(argument: _ledgerline_accounts_v1_GetAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetAccountResponse__Output>): grpc.ClientUnaryCall;
  getAccount(argument: _ledgerline_accounts_v1_GetAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetAccountResponse__Output>): grpc.ClientUnaryCall;
  getAccount(argument: _ledgerline_accounts_v1_GetAccountRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_GetAccountResponse__Output>): grpc.ClientUnaryCall;
  
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
   * The account directory, ordered by account id, a page at a time, filtered by owner, kind and
   * status. A caller without owners:any is only ever shown accounts it owns (another owner's
   * are left out, not refused). A consistency_token from any command service is accepted: the
   * page then includes every accounts event up to it (ADR 0009, ADR 0024).
   */
  ListAccounts(argument: _ledgerline_accounts_v1_ListAccountsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListAccountsResponse__Output>): grpc.ClientUnaryCall;
  ListAccounts(argument: _ledgerline_accounts_v1_ListAccountsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListAccountsResponse__Output>): grpc.ClientUnaryCall;
  ListAccounts(argument: _ledgerline_accounts_v1_ListAccountsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListAccountsResponse__Output>): grpc.ClientUnaryCall;
  ListAccounts(argument: _ledgerline_accounts_v1_ListAccountsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListAccountsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The account directory, ordered by account id, a page at a time, filtered by owner, kind and
   * status. A caller without owners:any is only ever shown accounts it owns (another owner's
   * are left out, not refused). A consistency_token from any command service is accepted: the
   * page then includes every accounts event up to it (ADR 0009, ADR 0024).
   */
  listAccounts(argument: _ledgerline_accounts_v1_ListAccountsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListAccountsResponse__Output>): grpc.ClientUnaryCall;
  listAccounts(argument: _ledgerline_accounts_v1_ListAccountsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListAccountsResponse__Output>): grpc.ClientUnaryCall;
  listAccounts(argument: _ledgerline_accounts_v1_ListAccountsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListAccountsResponse__Output>): grpc.ClientUnaryCall;
  listAccounts(argument: _ledgerline_accounts_v1_ListAccountsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_ListAccountsResponse__Output>): grpc.ClientUnaryCall;
  
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
   * One account of the directory: owner, kind, currency, status, funds, times and version. A
   * caller without owners:any reads only accounts it owns, as for GetBalance.
   */
  GetAccount: grpc.handleUnaryCall<_ledgerline_accounts_v1_GetAccountRequest__Output, _ledgerline_accounts_v1_GetAccountResponse>;
  
  /**
   * An account's balance, reserved and available funds, and status. A caller without
   * owners:any reads only accounts it owns (customers and merchants alike); another's is
   * PERMISSION_DENIED.
   */
  GetBalance: grpc.handleUnaryCall<_ledgerline_accounts_v1_GetBalanceRequest__Output, _ledgerline_accounts_v1_GetBalanceResponse>;
  
  /**
   * The account directory, ordered by account id, a page at a time, filtered by owner, kind and
   * status. A caller without owners:any is only ever shown accounts it owns (another owner's
   * are left out, not refused). A consistency_token from any command service is accepted: the
   * page then includes every accounts event up to it (ADR 0009, ADR 0024).
   */
  ListAccounts: grpc.handleUnaryCall<_ledgerline_accounts_v1_ListAccountsRequest__Output, _ledgerline_accounts_v1_ListAccountsResponse>;
  
  /**
   * An account's money movements, newest first, a page at a time. Only the owner's, as for
   * GetBalance.
   */
  ListTransactions: grpc.handleUnaryCall<_ledgerline_accounts_v1_ListTransactionsRequest__Output, _ledgerline_accounts_v1_ListTransactionsResponse>;
  
}

export interface AccountQueryServiceDefinition extends grpc.ServiceDefinition {
  GetAccount: MethodDefinition<_ledgerline_accounts_v1_GetAccountRequest, _ledgerline_accounts_v1_GetAccountResponse, _ledgerline_accounts_v1_GetAccountRequest__Output, _ledgerline_accounts_v1_GetAccountResponse__Output>
  GetBalance: MethodDefinition<_ledgerline_accounts_v1_GetBalanceRequest, _ledgerline_accounts_v1_GetBalanceResponse, _ledgerline_accounts_v1_GetBalanceRequest__Output, _ledgerline_accounts_v1_GetBalanceResponse__Output>
  ListAccounts: MethodDefinition<_ledgerline_accounts_v1_ListAccountsRequest, _ledgerline_accounts_v1_ListAccountsResponse, _ledgerline_accounts_v1_ListAccountsRequest__Output, _ledgerline_accounts_v1_ListAccountsResponse__Output>
  ListTransactions: MethodDefinition<_ledgerline_accounts_v1_ListTransactionsRequest, _ledgerline_accounts_v1_ListTransactionsResponse, _ledgerline_accounts_v1_ListTransactionsRequest__Output, _ledgerline_accounts_v1_ListTransactionsResponse__Output>
}
