// Original file: proto/ledgerline/platform/v1/ledger_admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ReconcileLedgerRequest as _ledgerline_platform_v1_ReconcileLedgerRequest, ReconcileLedgerRequest__Output as _ledgerline_platform_v1_ReconcileLedgerRequest__Output } from '../../../ledgerline/platform/v1/ReconcileLedgerRequest';
import type { ReconcileLedgerResponse as _ledgerline_platform_v1_ReconcileLedgerResponse, ReconcileLedgerResponse__Output as _ledgerline_platform_v1_ReconcileLedgerResponse__Output } from '../../../ledgerline/platform/v1/ReconcileLedgerResponse';

/**
 * Reconciliation of money (ADR 0025): the accounts event store folded into a double-entry ledger
 * and every view of it compared with that ledger. The accounts query service answers it.
 */
export interface LedgerAdminServiceClient extends grpc.Client {
  /**
   * What `platform ledger verify --json` prints: ok is false on any difference, and
   * first_difference names the account and the event to look at.
   */
  ReconcileLedger(argument: _ledgerline_platform_v1_ReconcileLedgerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_ReconcileLedgerResponse__Output>): grpc.ClientUnaryCall;
  ReconcileLedger(argument: _ledgerline_platform_v1_ReconcileLedgerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_platform_v1_ReconcileLedgerResponse__Output>): grpc.ClientUnaryCall;
  ReconcileLedger(argument: _ledgerline_platform_v1_ReconcileLedgerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_ReconcileLedgerResponse__Output>): grpc.ClientUnaryCall;
  ReconcileLedger(argument: _ledgerline_platform_v1_ReconcileLedgerRequest, callback: grpc.requestCallback<_ledgerline_platform_v1_ReconcileLedgerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * What `platform ledger verify --json` prints: ok is false on any difference, and
   * first_difference names the account and the event to look at.
   */
  reconcileLedger(argument: _ledgerline_platform_v1_ReconcileLedgerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_ReconcileLedgerResponse__Output>): grpc.ClientUnaryCall;
  reconcileLedger(argument: _ledgerline_platform_v1_ReconcileLedgerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_platform_v1_ReconcileLedgerResponse__Output>): grpc.ClientUnaryCall;
  reconcileLedger(argument: _ledgerline_platform_v1_ReconcileLedgerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_ReconcileLedgerResponse__Output>): grpc.ClientUnaryCall;
  reconcileLedger(argument: _ledgerline_platform_v1_ReconcileLedgerRequest, callback: grpc.requestCallback<_ledgerline_platform_v1_ReconcileLedgerResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Reconciliation of money (ADR 0025): the accounts event store folded into a double-entry ledger
 * and every view of it compared with that ledger. The accounts query service answers it.
 */
export interface LedgerAdminServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * What `platform ledger verify --json` prints: ok is false on any difference, and
   * first_difference names the account and the event to look at.
   */
  ReconcileLedger: grpc.handleUnaryCall<_ledgerline_platform_v1_ReconcileLedgerRequest__Output, _ledgerline_platform_v1_ReconcileLedgerResponse>;
  
}

export interface LedgerAdminServiceDefinition extends grpc.ServiceDefinition {
  ReconcileLedger: MethodDefinition<_ledgerline_platform_v1_ReconcileLedgerRequest, _ledgerline_platform_v1_ReconcileLedgerResponse, _ledgerline_platform_v1_ReconcileLedgerRequest__Output, _ledgerline_platform_v1_ReconcileLedgerResponse__Output>
}
