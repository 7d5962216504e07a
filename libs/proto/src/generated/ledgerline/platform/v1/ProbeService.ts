// Original file: proto/ledgerline/platform/v1/probe.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { EchoRequest as _ledgerline_platform_v1_EchoRequest, EchoRequest__Output as _ledgerline_platform_v1_EchoRequest__Output } from '../../../ledgerline/platform/v1/EchoRequest';
import type { EchoResponse as _ledgerline_platform_v1_EchoResponse, EchoResponse__Output as _ledgerline_platform_v1_EchoResponse__Output } from '../../../ledgerline/platform/v1/EchoResponse';

/**
 * A minimal service every process can host: smoke tests and the libs/grpc tests use it to
 * exercise the server plumbing (health, reflection, error mapping, deadlines, metadata).
 */
export interface ProbeServiceClient extends grpc.Client {
  /**
   * Returns the message, after an optional delay, with the correlation id the server saw.
   */
  Echo(argument: _ledgerline_platform_v1_EchoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_EchoResponse__Output>): grpc.ClientUnaryCall;
  Echo(argument: _ledgerline_platform_v1_EchoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_platform_v1_EchoResponse__Output>): grpc.ClientUnaryCall;
  Echo(argument: _ledgerline_platform_v1_EchoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_EchoResponse__Output>): grpc.ClientUnaryCall;
  Echo(argument: _ledgerline_platform_v1_EchoRequest, callback: grpc.requestCallback<_ledgerline_platform_v1_EchoResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns the message, after an optional delay, with the correlation id the server saw.
   */
  echo(argument: _ledgerline_platform_v1_EchoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_EchoResponse__Output>): grpc.ClientUnaryCall;
  echo(argument: _ledgerline_platform_v1_EchoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ledgerline_platform_v1_EchoResponse__Output>): grpc.ClientUnaryCall;
  echo(argument: _ledgerline_platform_v1_EchoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ledgerline_platform_v1_EchoResponse__Output>): grpc.ClientUnaryCall;
  echo(argument: _ledgerline_platform_v1_EchoRequest, callback: grpc.requestCallback<_ledgerline_platform_v1_EchoResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * A minimal service every process can host: smoke tests and the libs/grpc tests use it to
 * exercise the server plumbing (health, reflection, error mapping, deadlines, metadata).
 */
export interface ProbeServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Returns the message, after an optional delay, with the correlation id the server saw.
   */
  Echo: grpc.handleUnaryCall<_ledgerline_platform_v1_EchoRequest__Output, _ledgerline_platform_v1_EchoResponse>;
  
}

export interface ProbeServiceDefinition extends grpc.ServiceDefinition {
  Echo: MethodDefinition<_ledgerline_platform_v1_EchoRequest, _ledgerline_platform_v1_EchoResponse, _ledgerline_platform_v1_EchoRequest__Output, _ledgerline_platform_v1_EchoResponse__Output>
}
