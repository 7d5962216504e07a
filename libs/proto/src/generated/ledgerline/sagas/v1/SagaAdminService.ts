// Original file: proto/ledgerline/sagas/v1/sagas_admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetSagaRequest as _ledgerline_sagas_v1_GetSagaRequest, GetSagaRequest__Output as _ledgerline_sagas_v1_GetSagaRequest__Output } from '../../../ledgerline/sagas/v1/GetSagaRequest';
import type { GetSagaResponse as _ledgerline_sagas_v1_GetSagaResponse, GetSagaResponse__Output as _ledgerline_sagas_v1_GetSagaResponse__Output } from '../../../ledgerline/sagas/v1/GetSagaResponse';
import type { ListSagasRequest as _ledgerline_sagas_v1_ListSagasRequest, ListSagasRequest__Output as _ledgerline_sagas_v1_ListSagasRequest__Output } from '../../../ledgerline/sagas/v1/ListSagasRequest';
import type { ListSagasResponse as _ledgerline_sagas_v1_ListSagasResponse, ListSagasResponse__Output as _ledgerline_sagas_v1_ListSagasResponse__Output } from '../../../ledgerline/sagas/v1/ListSagasResponse';
import type { RetrySagaRequest as _ledgerline_sagas_v1_RetrySagaRequest, RetrySagaRequest__Output as _ledgerline_sagas_v1_RetrySagaRequest__Output } from '../../../ledgerline/sagas/v1/RetrySagaRequest';
import type { RetrySagaResponse as _ledgerline_sagas_v1_RetrySagaResponse, RetrySagaResponse__Output as _ledgerline_sagas_v1_RetrySagaResponse__Output } from '../../../ledgerline/sagas/v1/RetrySagaResponse';

/**
 * The operator surface of a saga service: list sagas by status, show one saga's history, and
 * retry a stuck step. Sagas whose compensation kept failing are in status
 * `compensation_failed` (also counted by the gauge ledgerline_sagas_compensation_failed) until
 * an operator retries them.
 */
export interface SagaAdminServiceClient extends grpc.Client {
  /**
   * One saga: its state, every input it handled (its own event log), its commands and deadline.
   * NOT_FOUND for an unknown saga id.
   */
  GetSaga(argument: _ledgerline_sagas_v1_GetSagaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_sagas_v1_GetSagaResponse__Output>): grpc.ClientUnaryCall;
  GetSaga(argument: _ledgerline_sagas_v1_GetSagaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_sagas_v1_GetSagaResponse__Output>): grpc.ClientUnaryCall;
  GetSaga(argument: _ledgerline_sagas_v1_GetSagaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_sagas_v1_GetSagaResponse__Output>): grpc.ClientUnaryCall;
  GetSaga(argument: _ledgerline_sagas_v1_GetSagaRequest, callback: grpc.requestCallback<_ledgerline_sagas_v1_GetSagaResponse__Output>): grpc.ClientUnaryCall;
  /**
   * One saga: its state, every input it handled (its own event log), its commands and deadline.
   * NOT_FOUND for an unknown saga id.
   */
  getSaga(argument: _ledgerline_sagas_v1_GetSagaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_sagas_v1_GetSagaResponse__Output>): grpc.ClientUnaryCall;
  getSaga(argument: _ledgerline_sagas_v1_GetSagaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_sagas_v1_GetSagaResponse__Output>): grpc.ClientUnaryCall;
  getSaga(argument: _ledgerline_sagas_v1_GetSagaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_sagas_v1_GetSagaResponse__Output>): grpc.ClientUnaryCall;
  getSaga(argument: _ledgerline_sagas_v1_GetSagaRequest, callback: grpc.requestCallback<_ledgerline_sagas_v1_GetSagaResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Sagas, most recently changed first. INVALID_ARGUMENT for an unknown status.
   */
  ListSagas(argument: _ledgerline_sagas_v1_ListSagasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_sagas_v1_ListSagasResponse__Output>): grpc.ClientUnaryCall;
  ListSagas(argument: _ledgerline_sagas_v1_ListSagasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_sagas_v1_ListSagasResponse__Output>): grpc.ClientUnaryCall;
  ListSagas(argument: _ledgerline_sagas_v1_ListSagasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_sagas_v1_ListSagasResponse__Output>): grpc.ClientUnaryCall;
  ListSagas(argument: _ledgerline_sagas_v1_ListSagasRequest, callback: grpc.requestCallback<_ledgerline_sagas_v1_ListSagasResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Sagas, most recently changed first. INVALID_ARGUMENT for an unknown status.
   */
  listSagas(argument: _ledgerline_sagas_v1_ListSagasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_sagas_v1_ListSagasResponse__Output>): grpc.ClientUnaryCall;
  listSagas(argument: _ledgerline_sagas_v1_ListSagasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_sagas_v1_ListSagasResponse__Output>): grpc.ClientUnaryCall;
  listSagas(argument: _ledgerline_sagas_v1_ListSagasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_sagas_v1_ListSagasResponse__Output>): grpc.ClientUnaryCall;
  listSagas(argument: _ledgerline_sagas_v1_ListSagasRequest, callback: grpc.requestCallback<_ledgerline_sagas_v1_ListSagasResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Re-sends the saga's stuck steps now (failed or refused compensations, and steps waiting for
   * a retry); a compensation_failed saga goes back to compensating. NOT_FOUND for an unknown id.
   */
  RetrySaga(argument: _ledgerline_sagas_v1_RetrySagaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_sagas_v1_RetrySagaResponse__Output>): grpc.ClientUnaryCall;
  RetrySaga(argument: _ledgerline_sagas_v1_RetrySagaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_sagas_v1_RetrySagaResponse__Output>): grpc.ClientUnaryCall;
  RetrySaga(argument: _ledgerline_sagas_v1_RetrySagaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_sagas_v1_RetrySagaResponse__Output>): grpc.ClientUnaryCall;
  RetrySaga(argument: _ledgerline_sagas_v1_RetrySagaRequest, callback: grpc.requestCallback<_ledgerline_sagas_v1_RetrySagaResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Re-sends the saga's stuck steps now (failed or refused compensations, and steps waiting for
   * a retry); a compensation_failed saga goes back to compensating. NOT_FOUND for an unknown id.
   */
  retrySaga(argument: _ledgerline_sagas_v1_RetrySagaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_sagas_v1_RetrySagaResponse__Output>): grpc.ClientUnaryCall;
  retrySaga(argument: _ledgerline_sagas_v1_RetrySagaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_sagas_v1_RetrySagaResponse__Output>): grpc.ClientUnaryCall;
  retrySaga(argument: _ledgerline_sagas_v1_RetrySagaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_sagas_v1_RetrySagaResponse__Output>): grpc.ClientUnaryCall;
  retrySaga(argument: _ledgerline_sagas_v1_RetrySagaRequest, callback: grpc.requestCallback<_ledgerline_sagas_v1_RetrySagaResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * The operator surface of a saga service: list sagas by status, show one saga's history, and
 * retry a stuck step. Sagas whose compensation kept failing are in status
 * `compensation_failed` (also counted by the gauge ledgerline_sagas_compensation_failed) until
 * an operator retries them.
 */
export interface SagaAdminServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * One saga: its state, every input it handled (its own event log), its commands and deadline.
   * NOT_FOUND for an unknown saga id.
   */
  GetSaga: grpc.handleUnaryCall<_ledgerline_sagas_v1_GetSagaRequest__Output, _ledgerline_sagas_v1_GetSagaResponse>;
  
  /**
   * Sagas, most recently changed first. INVALID_ARGUMENT for an unknown status.
   */
  ListSagas: grpc.handleUnaryCall<_ledgerline_sagas_v1_ListSagasRequest__Output, _ledgerline_sagas_v1_ListSagasResponse>;
  
  /**
   * Re-sends the saga's stuck steps now (failed or refused compensations, and steps waiting for
   * a retry); a compensation_failed saga goes back to compensating. NOT_FOUND for an unknown id.
   */
  RetrySaga: grpc.handleUnaryCall<_ledgerline_sagas_v1_RetrySagaRequest__Output, _ledgerline_sagas_v1_RetrySagaResponse>;
  
}

export interface SagaAdminServiceDefinition extends grpc.ServiceDefinition {
  GetSaga: MethodDefinition<_ledgerline_sagas_v1_GetSagaRequest, _ledgerline_sagas_v1_GetSagaResponse, _ledgerline_sagas_v1_GetSagaRequest__Output, _ledgerline_sagas_v1_GetSagaResponse__Output>
  ListSagas: MethodDefinition<_ledgerline_sagas_v1_ListSagasRequest, _ledgerline_sagas_v1_ListSagasResponse, _ledgerline_sagas_v1_ListSagasRequest__Output, _ledgerline_sagas_v1_ListSagasResponse__Output>
  RetrySaga: MethodDefinition<_ledgerline_sagas_v1_RetrySagaRequest, _ledgerline_sagas_v1_RetrySagaResponse, _ledgerline_sagas_v1_RetrySagaRequest__Output, _ledgerline_sagas_v1_RetrySagaResponse__Output>
}
