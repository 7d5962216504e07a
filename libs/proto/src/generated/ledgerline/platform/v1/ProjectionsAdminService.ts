// Original file: proto/ledgerline/platform/v1/projections_admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetProjectionStatusRequest as _ledgerline_platform_v1_GetProjectionStatusRequest, GetProjectionStatusRequest__Output as _ledgerline_platform_v1_GetProjectionStatusRequest__Output } from '../../../ledgerline/platform/v1/GetProjectionStatusRequest';
import type { GetProjectionStatusResponse as _ledgerline_platform_v1_GetProjectionStatusResponse, GetProjectionStatusResponse__Output as _ledgerline_platform_v1_GetProjectionStatusResponse__Output } from '../../../ledgerline/platform/v1/GetProjectionStatusResponse';

/**
 * Operator queries a query service answers about the read models it maintains and serves.
 */
export interface ProjectionsAdminServiceClient extends grpc.Client {
  /**
   * Where each projection stands: whether this process runs it, what it applied, what is parked,
   * and how far it lags behind Kafka and the event store.
   */
  GetProjectionStatus(argument: _ledgerline_platform_v1_GetProjectionStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_GetProjectionStatusResponse__Output>): grpc.ClientUnaryCall;
  GetProjectionStatus(argument: _ledgerline_platform_v1_GetProjectionStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_platform_v1_GetProjectionStatusResponse__Output>): grpc.ClientUnaryCall;
  GetProjectionStatus(argument: _ledgerline_platform_v1_GetProjectionStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_GetProjectionStatusResponse__Output>): grpc.ClientUnaryCall;
  GetProjectionStatus(argument: _ledgerline_platform_v1_GetProjectionStatusRequest, callback: grpc.requestCallback<_ledgerline_platform_v1_GetProjectionStatusResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Where each projection stands: whether this process runs it, what it applied, what is parked,
   * and how far it lags behind Kafka and the event store.
   */
  getProjectionStatus(argument: _ledgerline_platform_v1_GetProjectionStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_GetProjectionStatusResponse__Output>): grpc.ClientUnaryCall;
  getProjectionStatus(argument: _ledgerline_platform_v1_GetProjectionStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_platform_v1_GetProjectionStatusResponse__Output>): grpc.ClientUnaryCall;
  getProjectionStatus(argument: _ledgerline_platform_v1_GetProjectionStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_GetProjectionStatusResponse__Output>): grpc.ClientUnaryCall;
  getProjectionStatus(argument: _ledgerline_platform_v1_GetProjectionStatusRequest, callback: grpc.requestCallback<_ledgerline_platform_v1_GetProjectionStatusResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Operator queries a query service answers about the read models it maintains and serves.
 */
export interface ProjectionsAdminServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Where each projection stands: whether this process runs it, what it applied, what is parked,
   * and how far it lags behind Kafka and the event store.
   */
  GetProjectionStatus: grpc.handleUnaryCall<_ledgerline_platform_v1_GetProjectionStatusRequest__Output, _ledgerline_platform_v1_GetProjectionStatusResponse>;
  
}

export interface ProjectionsAdminServiceDefinition extends grpc.ServiceDefinition {
  GetProjectionStatus: MethodDefinition<_ledgerline_platform_v1_GetProjectionStatusRequest, _ledgerline_platform_v1_GetProjectionStatusResponse, _ledgerline_platform_v1_GetProjectionStatusRequest__Output, _ledgerline_platform_v1_GetProjectionStatusResponse__Output>
}
