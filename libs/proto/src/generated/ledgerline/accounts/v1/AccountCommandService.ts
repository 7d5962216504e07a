// Original file: proto/ledgerline/accounts/v1/accounts.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CaptureReservationRequest as _ledgerline_accounts_v1_CaptureReservationRequest, CaptureReservationRequest__Output as _ledgerline_accounts_v1_CaptureReservationRequest__Output } from '../../../ledgerline/accounts/v1/CaptureReservationRequest';
import type { CaptureReservationResponse as _ledgerline_accounts_v1_CaptureReservationResponse, CaptureReservationResponse__Output as _ledgerline_accounts_v1_CaptureReservationResponse__Output } from '../../../ledgerline/accounts/v1/CaptureReservationResponse';
import type { CloseAccountRequest as _ledgerline_accounts_v1_CloseAccountRequest, CloseAccountRequest__Output as _ledgerline_accounts_v1_CloseAccountRequest__Output } from '../../../ledgerline/accounts/v1/CloseAccountRequest';
import type { CloseAccountResponse as _ledgerline_accounts_v1_CloseAccountResponse, CloseAccountResponse__Output as _ledgerline_accounts_v1_CloseAccountResponse__Output } from '../../../ledgerline/accounts/v1/CloseAccountResponse';
import type { CreditFundsRequest as _ledgerline_accounts_v1_CreditFundsRequest, CreditFundsRequest__Output as _ledgerline_accounts_v1_CreditFundsRequest__Output } from '../../../ledgerline/accounts/v1/CreditFundsRequest';
import type { CreditFundsResponse as _ledgerline_accounts_v1_CreditFundsResponse, CreditFundsResponse__Output as _ledgerline_accounts_v1_CreditFundsResponse__Output } from '../../../ledgerline/accounts/v1/CreditFundsResponse';
import type { DebitFundsRequest as _ledgerline_accounts_v1_DebitFundsRequest, DebitFundsRequest__Output as _ledgerline_accounts_v1_DebitFundsRequest__Output } from '../../../ledgerline/accounts/v1/DebitFundsRequest';
import type { DebitFundsResponse as _ledgerline_accounts_v1_DebitFundsResponse, DebitFundsResponse__Output as _ledgerline_accounts_v1_DebitFundsResponse__Output } from '../../../ledgerline/accounts/v1/DebitFundsResponse';
import type { DepositFundsRequest as _ledgerline_accounts_v1_DepositFundsRequest, DepositFundsRequest__Output as _ledgerline_accounts_v1_DepositFundsRequest__Output } from '../../../ledgerline/accounts/v1/DepositFundsRequest';
import type { DepositFundsResponse as _ledgerline_accounts_v1_DepositFundsResponse, DepositFundsResponse__Output as _ledgerline_accounts_v1_DepositFundsResponse__Output } from '../../../ledgerline/accounts/v1/DepositFundsResponse';
import type { FreezeAccountRequest as _ledgerline_accounts_v1_FreezeAccountRequest, FreezeAccountRequest__Output as _ledgerline_accounts_v1_FreezeAccountRequest__Output } from '../../../ledgerline/accounts/v1/FreezeAccountRequest';
import type { FreezeAccountResponse as _ledgerline_accounts_v1_FreezeAccountResponse, FreezeAccountResponse__Output as _ledgerline_accounts_v1_FreezeAccountResponse__Output } from '../../../ledgerline/accounts/v1/FreezeAccountResponse';
import type { OpenAccountRequest as _ledgerline_accounts_v1_OpenAccountRequest, OpenAccountRequest__Output as _ledgerline_accounts_v1_OpenAccountRequest__Output } from '../../../ledgerline/accounts/v1/OpenAccountRequest';
import type { OpenAccountResponse as _ledgerline_accounts_v1_OpenAccountResponse, OpenAccountResponse__Output as _ledgerline_accounts_v1_OpenAccountResponse__Output } from '../../../ledgerline/accounts/v1/OpenAccountResponse';
import type { ReleaseReservationRequest as _ledgerline_accounts_v1_ReleaseReservationRequest, ReleaseReservationRequest__Output as _ledgerline_accounts_v1_ReleaseReservationRequest__Output } from '../../../ledgerline/accounts/v1/ReleaseReservationRequest';
import type { ReleaseReservationResponse as _ledgerline_accounts_v1_ReleaseReservationResponse, ReleaseReservationResponse__Output as _ledgerline_accounts_v1_ReleaseReservationResponse__Output } from '../../../ledgerline/accounts/v1/ReleaseReservationResponse';
import type { ReserveFundsRequest as _ledgerline_accounts_v1_ReserveFundsRequest, ReserveFundsRequest__Output as _ledgerline_accounts_v1_ReserveFundsRequest__Output } from '../../../ledgerline/accounts/v1/ReserveFundsRequest';
import type { ReserveFundsResponse as _ledgerline_accounts_v1_ReserveFundsResponse, ReserveFundsResponse__Output as _ledgerline_accounts_v1_ReserveFundsResponse__Output } from '../../../ledgerline/accounts/v1/ReserveFundsResponse';
import type { TransferFundsRequest as _ledgerline_accounts_v1_TransferFundsRequest, TransferFundsRequest__Output as _ledgerline_accounts_v1_TransferFundsRequest__Output } from '../../../ledgerline/accounts/v1/TransferFundsRequest';
import type { TransferFundsResponse as _ledgerline_accounts_v1_TransferFundsResponse, TransferFundsResponse__Output as _ledgerline_accounts_v1_TransferFundsResponse__Output } from '../../../ledgerline/accounts/v1/TransferFundsResponse';
import type { UnfreezeAccountRequest as _ledgerline_accounts_v1_UnfreezeAccountRequest, UnfreezeAccountRequest__Output as _ledgerline_accounts_v1_UnfreezeAccountRequest__Output } from '../../../ledgerline/accounts/v1/UnfreezeAccountRequest';
import type { UnfreezeAccountResponse as _ledgerline_accounts_v1_UnfreezeAccountResponse, UnfreezeAccountResponse__Output as _ledgerline_accounts_v1_UnfreezeAccountResponse__Output } from '../../../ledgerline/accounts/v1/UnfreezeAccountResponse';
import type { WithdrawFundsRequest as _ledgerline_accounts_v1_WithdrawFundsRequest, WithdrawFundsRequest__Output as _ledgerline_accounts_v1_WithdrawFundsRequest__Output } from '../../../ledgerline/accounts/v1/WithdrawFundsRequest';
import type { WithdrawFundsResponse as _ledgerline_accounts_v1_WithdrawFundsResponse, WithdrawFundsResponse__Output as _ledgerline_accounts_v1_WithdrawFundsResponse__Output } from '../../../ledgerline/accounts/v1/WithdrawFundsResponse';

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
export interface AccountCommandServiceClient extends grpc.Client {
  /**
   * Takes a reservation's money off the balance; at most once per reservation, and not once it
   * has expired.
   */
  CaptureReservation(argument: _ledgerline_accounts_v1_CaptureReservationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_CaptureReservationResponse__Output>): grpc.ClientUnaryCall;
  CaptureReservation(argument: _ledgerline_accounts_v1_CaptureReservationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_CaptureReservationResponse__Output>): grpc.ClientUnaryCall;
  CaptureReservation(argument: _ledgerline_accounts_v1_CaptureReservationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_CaptureReservationResponse__Output>): grpc.ClientUnaryCall;
  CaptureReservation(argument: _ledgerline_accounts_v1_CaptureReservationRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_CaptureReservationResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Takes a reservation's money off the balance; at most once per reservation, and not once it
   * has expired.
   */
  captureReservation(argument: _ledgerline_accounts_v1_CaptureReservationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_CaptureReservationResponse__Output>): grpc.ClientUnaryCall;
  captureReservation(argument: _ledgerline_accounts_v1_CaptureReservationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_CaptureReservationResponse__Output>): grpc.ClientUnaryCall;
  captureReservation(argument: _ledgerline_accounts_v1_CaptureReservationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_CaptureReservationResponse__Output>): grpc.ClientUnaryCall;
  captureReservation(argument: _ledgerline_accounts_v1_CaptureReservationRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_CaptureReservationResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Closes an account for good; needs a zero balance and no open reservation.
   */
  CloseAccount(argument: _ledgerline_accounts_v1_CloseAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_CloseAccountResponse__Output>): grpc.ClientUnaryCall;
  CloseAccount(argument: _ledgerline_accounts_v1_CloseAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_CloseAccountResponse__Output>): grpc.ClientUnaryCall;
  CloseAccount(argument: _ledgerline_accounts_v1_CloseAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_CloseAccountResponse__Output>): grpc.ClientUnaryCall;
  CloseAccount(argument: _ledgerline_accounts_v1_CloseAccountRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_CloseAccountResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Closes an account for good; needs a zero balance and no open reservation.
   */
  closeAccount(argument: _ledgerline_accounts_v1_CloseAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_CloseAccountResponse__Output>): grpc.ClientUnaryCall;
  closeAccount(argument: _ledgerline_accounts_v1_CloseAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_CloseAccountResponse__Output>): grpc.ClientUnaryCall;
  closeAccount(argument: _ledgerline_accounts_v1_CloseAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_CloseAccountResponse__Output>): grpc.ClientUnaryCall;
  closeAccount(argument: _ledgerline_accounts_v1_CloseAccountRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_CloseAccountResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Internal money in, e.g. a merchant's settlement or a customer's refund.
   */
  CreditFunds(argument: _ledgerline_accounts_v1_CreditFundsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_CreditFundsResponse__Output>): grpc.ClientUnaryCall;
  CreditFunds(argument: _ledgerline_accounts_v1_CreditFundsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_CreditFundsResponse__Output>): grpc.ClientUnaryCall;
  CreditFunds(argument: _ledgerline_accounts_v1_CreditFundsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_CreditFundsResponse__Output>): grpc.ClientUnaryCall;
  CreditFunds(argument: _ledgerline_accounts_v1_CreditFundsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_CreditFundsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Internal money in, e.g. a merchant's settlement or a customer's refund.
   */
  creditFunds(argument: _ledgerline_accounts_v1_CreditFundsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_CreditFundsResponse__Output>): grpc.ClientUnaryCall;
  creditFunds(argument: _ledgerline_accounts_v1_CreditFundsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_CreditFundsResponse__Output>): grpc.ClientUnaryCall;
  creditFunds(argument: _ledgerline_accounts_v1_CreditFundsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_CreditFundsResponse__Output>): grpc.ClientUnaryCall;
  creditFunds(argument: _ledgerline_accounts_v1_CreditFundsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_CreditFundsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Internal money out, e.g. a merchant paying back a refund.
   */
  DebitFunds(argument: _ledgerline_accounts_v1_DebitFundsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_DebitFundsResponse__Output>): grpc.ClientUnaryCall;
  DebitFunds(argument: _ledgerline_accounts_v1_DebitFundsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_DebitFundsResponse__Output>): grpc.ClientUnaryCall;
  DebitFunds(argument: _ledgerline_accounts_v1_DebitFundsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_DebitFundsResponse__Output>): grpc.ClientUnaryCall;
  DebitFunds(argument: _ledgerline_accounts_v1_DebitFundsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_DebitFundsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Internal money out, e.g. a merchant paying back a refund.
   */
  debitFunds(argument: _ledgerline_accounts_v1_DebitFundsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_DebitFundsResponse__Output>): grpc.ClientUnaryCall;
  debitFunds(argument: _ledgerline_accounts_v1_DebitFundsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_DebitFundsResponse__Output>): grpc.ClientUnaryCall;
  debitFunds(argument: _ledgerline_accounts_v1_DebitFundsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_DebitFundsResponse__Output>): grpc.ClientUnaryCall;
  debitFunds(argument: _ledgerline_accounts_v1_DebitFundsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_DebitFundsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Adds external money (e.g. a card top-up); allowed on a frozen account.
   */
  DepositFunds(argument: _ledgerline_accounts_v1_DepositFundsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_DepositFundsResponse__Output>): grpc.ClientUnaryCall;
  DepositFunds(argument: _ledgerline_accounts_v1_DepositFundsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_DepositFundsResponse__Output>): grpc.ClientUnaryCall;
  DepositFunds(argument: _ledgerline_accounts_v1_DepositFundsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_DepositFundsResponse__Output>): grpc.ClientUnaryCall;
  DepositFunds(argument: _ledgerline_accounts_v1_DepositFundsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_DepositFundsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Adds external money (e.g. a card top-up); allowed on a frozen account.
   */
  depositFunds(argument: _ledgerline_accounts_v1_DepositFundsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_DepositFundsResponse__Output>): grpc.ClientUnaryCall;
  depositFunds(argument: _ledgerline_accounts_v1_DepositFundsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_DepositFundsResponse__Output>): grpc.ClientUnaryCall;
  depositFunds(argument: _ledgerline_accounts_v1_DepositFundsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_DepositFundsResponse__Output>): grpc.ClientUnaryCall;
  depositFunds(argument: _ledgerline_accounts_v1_DepositFundsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_DepositFundsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Blocks money going out on new initiative; money in and settling reservations still work.
   */
  FreezeAccount(argument: _ledgerline_accounts_v1_FreezeAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_FreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  FreezeAccount(argument: _ledgerline_accounts_v1_FreezeAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_FreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  FreezeAccount(argument: _ledgerline_accounts_v1_FreezeAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_FreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  FreezeAccount(argument: _ledgerline_accounts_v1_FreezeAccountRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_FreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Blocks money going out on new initiative; money in and settling reservations still work.
   */
  freezeAccount(argument: _ledgerline_accounts_v1_FreezeAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_FreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  freezeAccount(argument: _ledgerline_accounts_v1_FreezeAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_FreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  freezeAccount(argument: _ledgerline_accounts_v1_FreezeAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_FreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  freezeAccount(argument: _ledgerline_accounts_v1_FreezeAccountRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_FreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Opens an account for an owner, in one currency for its whole life.
   */
  OpenAccount(argument: _ledgerline_accounts_v1_OpenAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_OpenAccountResponse__Output>): grpc.ClientUnaryCall;
  OpenAccount(argument: _ledgerline_accounts_v1_OpenAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_OpenAccountResponse__Output>): grpc.ClientUnaryCall;
  OpenAccount(argument: _ledgerline_accounts_v1_OpenAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_OpenAccountResponse__Output>): grpc.ClientUnaryCall;
  OpenAccount(argument: _ledgerline_accounts_v1_OpenAccountRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_OpenAccountResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Opens an account for an owner, in one currency for its whole life.
   */
  openAccount(argument: _ledgerline_accounts_v1_OpenAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_OpenAccountResponse__Output>): grpc.ClientUnaryCall;
  openAccount(argument: _ledgerline_accounts_v1_OpenAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_OpenAccountResponse__Output>): grpc.ClientUnaryCall;
  openAccount(argument: _ledgerline_accounts_v1_OpenAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_OpenAccountResponse__Output>): grpc.ClientUnaryCall;
  openAccount(argument: _ledgerline_accounts_v1_OpenAccountRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_OpenAccountResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Gives a reservation's money back to the available balance; at most once per reservation.
   */
  ReleaseReservation(argument: _ledgerline_accounts_v1_ReleaseReservationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReleaseReservationResponse__Output>): grpc.ClientUnaryCall;
  ReleaseReservation(argument: _ledgerline_accounts_v1_ReleaseReservationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReleaseReservationResponse__Output>): grpc.ClientUnaryCall;
  ReleaseReservation(argument: _ledgerline_accounts_v1_ReleaseReservationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReleaseReservationResponse__Output>): grpc.ClientUnaryCall;
  ReleaseReservation(argument: _ledgerline_accounts_v1_ReleaseReservationRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReleaseReservationResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Gives a reservation's money back to the available balance; at most once per reservation.
   */
  releaseReservation(argument: _ledgerline_accounts_v1_ReleaseReservationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReleaseReservationResponse__Output>): grpc.ClientUnaryCall;
  releaseReservation(argument: _ledgerline_accounts_v1_ReleaseReservationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReleaseReservationResponse__Output>): grpc.ClientUnaryCall;
  releaseReservation(argument: _ledgerline_accounts_v1_ReleaseReservationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReleaseReservationResponse__Output>): grpc.ClientUnaryCall;
  releaseReservation(argument: _ledgerline_accounts_v1_ReleaseReservationRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReleaseReservationResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Holds money for a payment. A refusal (insufficient funds, frozen account) is still recorded
   * as FundsReservationRejected for the payment saga, and answered with FAILED_PRECONDITION.
   */
  ReserveFunds(argument: _ledgerline_accounts_v1_ReserveFundsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReserveFundsResponse__Output>): grpc.ClientUnaryCall;
  ReserveFunds(argument: _ledgerline_accounts_v1_ReserveFundsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReserveFundsResponse__Output>): grpc.ClientUnaryCall;
  ReserveFunds(argument: _ledgerline_accounts_v1_ReserveFundsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReserveFundsResponse__Output>): grpc.ClientUnaryCall;
  ReserveFunds(argument: _ledgerline_accounts_v1_ReserveFundsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReserveFundsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Holds money for a payment. A refusal (insufficient funds, frozen account) is still recorded
   * as FundsReservationRejected for the payment saga, and answered with FAILED_PRECONDITION.
   */
  reserveFunds(argument: _ledgerline_accounts_v1_ReserveFundsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReserveFundsResponse__Output>): grpc.ClientUnaryCall;
  reserveFunds(argument: _ledgerline_accounts_v1_ReserveFundsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReserveFundsResponse__Output>): grpc.ClientUnaryCall;
  reserveFunds(argument: _ledgerline_accounts_v1_ReserveFundsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReserveFundsResponse__Output>): grpc.ClientUnaryCall;
  reserveFunds(argument: _ledgerline_accounts_v1_ReserveFundsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_ReserveFundsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Moves money from one account to another of the same currency: both accounts record it in one
   * event store transaction, or neither does (ADR 0022). Refused (FAILED_PRECONDITION) when either
   * account is frozen or closed, when the currencies differ, or beyond the source's available
   * balance; the caller must own the source account.
   */
  TransferFunds(argument: _ledgerline_accounts_v1_TransferFundsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_TransferFundsResponse__Output>): grpc.ClientUnaryCall;
  TransferFunds(argument: _ledgerline_accounts_v1_TransferFundsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_TransferFundsResponse__Output>): grpc.ClientUnaryCall;
  TransferFunds(argument: _ledgerline_accounts_v1_TransferFundsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_TransferFundsResponse__Output>): grpc.ClientUnaryCall;
  TransferFunds(argument: _ledgerline_accounts_v1_TransferFundsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_TransferFundsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Moves money from one account to another of the same currency: both accounts record it in one
   * event store transaction, or neither does (ADR 0022). Refused (FAILED_PRECONDITION) when either
   * account is frozen or closed, when the currencies differ, or beyond the source's available
   * balance; the caller must own the source account.
   */
  transferFunds(argument: _ledgerline_accounts_v1_TransferFundsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_TransferFundsResponse__Output>): grpc.ClientUnaryCall;
  transferFunds(argument: _ledgerline_accounts_v1_TransferFundsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_TransferFundsResponse__Output>): grpc.ClientUnaryCall;
  transferFunds(argument: _ledgerline_accounts_v1_TransferFundsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_TransferFundsResponse__Output>): grpc.ClientUnaryCall;
  transferFunds(argument: _ledgerline_accounts_v1_TransferFundsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_TransferFundsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lifts a freeze.
   */
  UnfreezeAccount(argument: _ledgerline_accounts_v1_UnfreezeAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_UnfreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  UnfreezeAccount(argument: _ledgerline_accounts_v1_UnfreezeAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_UnfreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  UnfreezeAccount(argument: _ledgerline_accounts_v1_UnfreezeAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_UnfreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  UnfreezeAccount(argument: _ledgerline_accounts_v1_UnfreezeAccountRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_UnfreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lifts a freeze.
   */
  unfreezeAccount(argument: _ledgerline_accounts_v1_UnfreezeAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_UnfreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  unfreezeAccount(argument: _ledgerline_accounts_v1_UnfreezeAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_UnfreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  unfreezeAccount(argument: _ledgerline_accounts_v1_UnfreezeAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_UnfreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  unfreezeAccount(argument: _ledgerline_accounts_v1_UnfreezeAccountRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_UnfreezeAccountResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Takes external money out of the available balance; refused on a frozen account.
   */
  WithdrawFunds(argument: _ledgerline_accounts_v1_WithdrawFundsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_WithdrawFundsResponse__Output>): grpc.ClientUnaryCall;
  WithdrawFunds(argument: _ledgerline_accounts_v1_WithdrawFundsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_WithdrawFundsResponse__Output>): grpc.ClientUnaryCall;
  WithdrawFunds(argument: _ledgerline_accounts_v1_WithdrawFundsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_WithdrawFundsResponse__Output>): grpc.ClientUnaryCall;
  WithdrawFunds(argument: _ledgerline_accounts_v1_WithdrawFundsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_WithdrawFundsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Takes external money out of the available balance; refused on a frozen account.
   */
  withdrawFunds(argument: _ledgerline_accounts_v1_WithdrawFundsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_WithdrawFundsResponse__Output>): grpc.ClientUnaryCall;
  withdrawFunds(argument: _ledgerline_accounts_v1_WithdrawFundsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_accounts_v1_WithdrawFundsResponse__Output>): grpc.ClientUnaryCall;
  withdrawFunds(argument: _ledgerline_accounts_v1_WithdrawFundsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_accounts_v1_WithdrawFundsResponse__Output>): grpc.ClientUnaryCall;
  withdrawFunds(argument: _ledgerline_accounts_v1_WithdrawFundsRequest, callback: grpc.requestCallback<_ledgerline_accounts_v1_WithdrawFundsResponse__Output>): grpc.ClientUnaryCall;
  
}

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
export interface AccountCommandServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Takes a reservation's money off the balance; at most once per reservation, and not once it
   * has expired.
   */
  CaptureReservation: grpc.handleUnaryCall<_ledgerline_accounts_v1_CaptureReservationRequest__Output, _ledgerline_accounts_v1_CaptureReservationResponse>;
  
  /**
   * Closes an account for good; needs a zero balance and no open reservation.
   */
  CloseAccount: grpc.handleUnaryCall<_ledgerline_accounts_v1_CloseAccountRequest__Output, _ledgerline_accounts_v1_CloseAccountResponse>;
  
  /**
   * Internal money in, e.g. a merchant's settlement or a customer's refund.
   */
  CreditFunds: grpc.handleUnaryCall<_ledgerline_accounts_v1_CreditFundsRequest__Output, _ledgerline_accounts_v1_CreditFundsResponse>;
  
  /**
   * Internal money out, e.g. a merchant paying back a refund.
   */
  DebitFunds: grpc.handleUnaryCall<_ledgerline_accounts_v1_DebitFundsRequest__Output, _ledgerline_accounts_v1_DebitFundsResponse>;
  
  /**
   * Adds external money (e.g. a card top-up); allowed on a frozen account.
   */
  DepositFunds: grpc.handleUnaryCall<_ledgerline_accounts_v1_DepositFundsRequest__Output, _ledgerline_accounts_v1_DepositFundsResponse>;
  
  /**
   * Blocks money going out on new initiative; money in and settling reservations still work.
   */
  FreezeAccount: grpc.handleUnaryCall<_ledgerline_accounts_v1_FreezeAccountRequest__Output, _ledgerline_accounts_v1_FreezeAccountResponse>;
  
  /**
   * Opens an account for an owner, in one currency for its whole life.
   */
  OpenAccount: grpc.handleUnaryCall<_ledgerline_accounts_v1_OpenAccountRequest__Output, _ledgerline_accounts_v1_OpenAccountResponse>;
  
  /**
   * Gives a reservation's money back to the available balance; at most once per reservation.
   */
  ReleaseReservation: grpc.handleUnaryCall<_ledgerline_accounts_v1_ReleaseReservationRequest__Output, _ledgerline_accounts_v1_ReleaseReservationResponse>;
  
  /**
   * Holds money for a payment. A refusal (insufficient funds, frozen account) is still recorded
   * as FundsReservationRejected for the payment saga, and answered with FAILED_PRECONDITION.
   */
  ReserveFunds: grpc.handleUnaryCall<_ledgerline_accounts_v1_ReserveFundsRequest__Output, _ledgerline_accounts_v1_ReserveFundsResponse>;
  
  /**
   * Moves money from one account to another of the same currency: both accounts record it in one
   * event store transaction, or neither does (ADR 0022). Refused (FAILED_PRECONDITION) when either
   * account is frozen or closed, when the currencies differ, or beyond the source's available
   * balance; the caller must own the source account.
   */
  TransferFunds: grpc.handleUnaryCall<_ledgerline_accounts_v1_TransferFundsRequest__Output, _ledgerline_accounts_v1_TransferFundsResponse>;
  
  /**
   * Lifts a freeze.
   */
  UnfreezeAccount: grpc.handleUnaryCall<_ledgerline_accounts_v1_UnfreezeAccountRequest__Output, _ledgerline_accounts_v1_UnfreezeAccountResponse>;
  
  /**
   * Takes external money out of the available balance; refused on a frozen account.
   */
  WithdrawFunds: grpc.handleUnaryCall<_ledgerline_accounts_v1_WithdrawFundsRequest__Output, _ledgerline_accounts_v1_WithdrawFundsResponse>;
  
}

export interface AccountCommandServiceDefinition extends grpc.ServiceDefinition {
  CaptureReservation: MethodDefinition<_ledgerline_accounts_v1_CaptureReservationRequest, _ledgerline_accounts_v1_CaptureReservationResponse, _ledgerline_accounts_v1_CaptureReservationRequest__Output, _ledgerline_accounts_v1_CaptureReservationResponse__Output>
  CloseAccount: MethodDefinition<_ledgerline_accounts_v1_CloseAccountRequest, _ledgerline_accounts_v1_CloseAccountResponse, _ledgerline_accounts_v1_CloseAccountRequest__Output, _ledgerline_accounts_v1_CloseAccountResponse__Output>
  CreditFunds: MethodDefinition<_ledgerline_accounts_v1_CreditFundsRequest, _ledgerline_accounts_v1_CreditFundsResponse, _ledgerline_accounts_v1_CreditFundsRequest__Output, _ledgerline_accounts_v1_CreditFundsResponse__Output>
  DebitFunds: MethodDefinition<_ledgerline_accounts_v1_DebitFundsRequest, _ledgerline_accounts_v1_DebitFundsResponse, _ledgerline_accounts_v1_DebitFundsRequest__Output, _ledgerline_accounts_v1_DebitFundsResponse__Output>
  DepositFunds: MethodDefinition<_ledgerline_accounts_v1_DepositFundsRequest, _ledgerline_accounts_v1_DepositFundsResponse, _ledgerline_accounts_v1_DepositFundsRequest__Output, _ledgerline_accounts_v1_DepositFundsResponse__Output>
  FreezeAccount: MethodDefinition<_ledgerline_accounts_v1_FreezeAccountRequest, _ledgerline_accounts_v1_FreezeAccountResponse, _ledgerline_accounts_v1_FreezeAccountRequest__Output, _ledgerline_accounts_v1_FreezeAccountResponse__Output>
  OpenAccount: MethodDefinition<_ledgerline_accounts_v1_OpenAccountRequest, _ledgerline_accounts_v1_OpenAccountResponse, _ledgerline_accounts_v1_OpenAccountRequest__Output, _ledgerline_accounts_v1_OpenAccountResponse__Output>
  ReleaseReservation: MethodDefinition<_ledgerline_accounts_v1_ReleaseReservationRequest, _ledgerline_accounts_v1_ReleaseReservationResponse, _ledgerline_accounts_v1_ReleaseReservationRequest__Output, _ledgerline_accounts_v1_ReleaseReservationResponse__Output>
  ReserveFunds: MethodDefinition<_ledgerline_accounts_v1_ReserveFundsRequest, _ledgerline_accounts_v1_ReserveFundsResponse, _ledgerline_accounts_v1_ReserveFundsRequest__Output, _ledgerline_accounts_v1_ReserveFundsResponse__Output>
  TransferFunds: MethodDefinition<_ledgerline_accounts_v1_TransferFundsRequest, _ledgerline_accounts_v1_TransferFundsResponse, _ledgerline_accounts_v1_TransferFundsRequest__Output, _ledgerline_accounts_v1_TransferFundsResponse__Output>
  UnfreezeAccount: MethodDefinition<_ledgerline_accounts_v1_UnfreezeAccountRequest, _ledgerline_accounts_v1_UnfreezeAccountResponse, _ledgerline_accounts_v1_UnfreezeAccountRequest__Output, _ledgerline_accounts_v1_UnfreezeAccountResponse__Output>
  WithdrawFunds: MethodDefinition<_ledgerline_accounts_v1_WithdrawFundsRequest, _ledgerline_accounts_v1_WithdrawFundsResponse, _ledgerline_accounts_v1_WithdrawFundsRequest__Output, _ledgerline_accounts_v1_WithdrawFundsResponse__Output>
}
