// Original file: proto/ledgerline/platform/v1/admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetRelayStatusRequest as _ledgerline_platform_v1_GetRelayStatusRequest, GetRelayStatusRequest__Output as _ledgerline_platform_v1_GetRelayStatusRequest__Output } from '../../../ledgerline/platform/v1/GetRelayStatusRequest';
import type { GetRelayStatusResponse as _ledgerline_platform_v1_GetRelayStatusResponse, GetRelayStatusResponse__Output as _ledgerline_platform_v1_GetRelayStatusResponse__Output } from '../../../ledgerline/platform/v1/GetRelayStatusResponse';

/**
 * Operator queries every Ledgerline process answers about its own background work.
 */
export interface AdminServiceClient extends grpc.Client {
  /**
   * Where this process's outbox relay stands: leadership, checkpoint and lag.
   */
  GetRelayStatus(argument: _ledgerline_platform_v1_GetRelayStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_GetRelayStatusResponse__Output>): grpc.ClientUnaryCall;
  GetRelayStatus(argument: _ledgerline_platform_v1_GetRelayStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_platform_v1_GetRelayStatusResponse__Output>): grpc.ClientUnaryCall;
  GetRelayStatus(argument: _ledgerline_platform_v1_GetRelayStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_GetRelayStatusResponse__Output>): grpc.ClientUnaryCall;
  GetRelayStatus(argument: _ledgerline_platform_v1_GetRelayStatusRequest, callback: grpc.requestCallback<_ledgerline_platform_v1_GetRelayStatusResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Where this process's outbox relay stands: leadership, checkpoint and lag.
   */
  getRelayStatus(argument: _ledgerline_platform_v1_GetRelayStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_GetRelayStatusResponse__Output>): grpc.ClientUnaryCall;
  getRelayStatus(argument: _ledgerline_platform_v1_GetRelayStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_platform_v1_GetRelayStatusResponse__Output>): grpc.ClientUnaryCall;
  getRelayStatus(argument: _ledgerline_platform_v1_GetRelayStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_GetRelayStatusResponse__Output>): grpc.ClientUnaryCall;
  getRelayStatus(argument: _ledgerline_platform_v1_GetRelayStatusRequest, callback: grpc.requestCallback<_ledgerline_platform_v1_GetRelayStatusResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Operator queries every Ledgerline process answers about its own background work.
 */
export interface AdminServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Where this process's outbox relay stands: leadership, checkpoint and lag.
   */
  GetRelayStatus: grpc.handleUnaryCall<_ledgerline_platform_v1_GetRelayStatusRequest__Output, _ledgerline_platform_v1_GetRelayStatusResponse>;
  
}

export interface AdminServiceDefinition extends grpc.ServiceDefinition {
  GetRelayStatus: MethodDefinition<_ledgerline_platform_v1_GetRelayStatusRequest, _ledgerline_platform_v1_GetRelayStatusResponse, _ledgerline_platform_v1_GetRelayStatusRequest__Output, _ledgerline_platform_v1_GetRelayStatusResponse__Output>
}
