// Original file: proto/ledgerline/platform/v1/admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ForgetSubjectRequest as _ledgerline_platform_v1_ForgetSubjectRequest, ForgetSubjectRequest__Output as _ledgerline_platform_v1_ForgetSubjectRequest__Output } from '../../../ledgerline/platform/v1/ForgetSubjectRequest';
import type { ForgetSubjectResponse as _ledgerline_platform_v1_ForgetSubjectResponse, ForgetSubjectResponse__Output as _ledgerline_platform_v1_ForgetSubjectResponse__Output } from '../../../ledgerline/platform/v1/ForgetSubjectResponse';
import type { GetRelayStatusRequest as _ledgerline_platform_v1_GetRelayStatusRequest, GetRelayStatusRequest__Output as _ledgerline_platform_v1_GetRelayStatusRequest__Output } from '../../../ledgerline/platform/v1/GetRelayStatusRequest';
import type { GetRelayStatusResponse as _ledgerline_platform_v1_GetRelayStatusResponse, GetRelayStatusResponse__Output as _ledgerline_platform_v1_GetRelayStatusResponse__Output } from '../../../ledgerline/platform/v1/GetRelayStatusResponse';

/**
 * Operator queries every Ledgerline process answers about its own background work.
 */
export interface AdminServiceClient extends grpc.Client {
  /**
   * Crypto-shreds a subject (a customer or merchant) in this process's context: deletes its data
   * key, so its personal fields read as "[redacted]" everywhere from then on, drops its streams'
   * snapshots and records SubjectForgotten. Views are scrubbed by `platform privacy forget`.
   */
  ForgetSubject(argument: _ledgerline_platform_v1_ForgetSubjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_ForgetSubjectResponse__Output>): grpc.ClientUnaryCall;
  ForgetSubject(argument: _ledgerline_platform_v1_ForgetSubjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_platform_v1_ForgetSubjectResponse__Output>): grpc.ClientUnaryCall;
  ForgetSubject(argument: _ledgerline_platform_v1_ForgetSubjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_ForgetSubjectResponse__Output>): grpc.ClientUnaryCall;
  ForgetSubject(argument: _ledgerline_platform_v1_ForgetSubjectRequest, callback: grpc.requestCallback<_ledgerline_platform_v1_ForgetSubjectResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Crypto-shreds a subject (a customer or merchant) in this process's context: deletes its data
   * key, so its personal fields read as "[redacted]" everywhere from then on, drops its streams'
   * snapshots and records SubjectForgotten. Views are scrubbed by `platform privacy forget`.
   */
  forgetSubject(argument: _ledgerline_platform_v1_ForgetSubjectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_ForgetSubjectResponse__Output>): grpc.ClientUnaryCall;
  forgetSubject(argument: _ledgerline_platform_v1_ForgetSubjectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_platform_v1_ForgetSubjectResponse__Output>): grpc.ClientUnaryCall;
  forgetSubject(argument: _ledgerline_platform_v1_ForgetSubjectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_ForgetSubjectResponse__Output>): grpc.ClientUnaryCall;
  forgetSubject(argument: _ledgerline_platform_v1_ForgetSubjectRequest, callback: grpc.requestCallback<_ledgerline_platform_v1_ForgetSubjectResponse__Output>): grpc.ClientUnaryCall;
  
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
   * Crypto-shreds a subject (a customer or merchant) in this process's context: deletes its data
   * key, so its personal fields read as "[redacted]" everywhere from then on, drops its streams'
   * snapshots and records SubjectForgotten. Views are scrubbed by `platform privacy forget`.
   */
  ForgetSubject: grpc.handleUnaryCall<_ledgerline_platform_v1_ForgetSubjectRequest__Output, _ledgerline_platform_v1_ForgetSubjectResponse>;
  
  /**
   * Where this process's outbox relay stands: leadership, checkpoint and lag.
   */
  GetRelayStatus: grpc.handleUnaryCall<_ledgerline_platform_v1_GetRelayStatusRequest__Output, _ledgerline_platform_v1_GetRelayStatusResponse>;
  
}

export interface AdminServiceDefinition extends grpc.ServiceDefinition {
  ForgetSubject: MethodDefinition<_ledgerline_platform_v1_ForgetSubjectRequest, _ledgerline_platform_v1_ForgetSubjectResponse, _ledgerline_platform_v1_ForgetSubjectRequest__Output, _ledgerline_platform_v1_ForgetSubjectResponse__Output>
  GetRelayStatus: MethodDefinition<_ledgerline_platform_v1_GetRelayStatusRequest, _ledgerline_platform_v1_GetRelayStatusResponse, _ledgerline_platform_v1_GetRelayStatusRequest__Output, _ledgerline_platform_v1_GetRelayStatusResponse__Output>
}
