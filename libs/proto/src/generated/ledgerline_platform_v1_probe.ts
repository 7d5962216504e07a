import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { EchoRequest as _ledgerline_platform_v1_EchoRequest, EchoRequest__Output as _ledgerline_platform_v1_EchoRequest__Output } from './ledgerline/platform/v1/EchoRequest';
import type { EchoResponse as _ledgerline_platform_v1_EchoResponse, EchoResponse__Output as _ledgerline_platform_v1_EchoResponse__Output } from './ledgerline/platform/v1/EchoResponse';
import type { ProbeServiceClient as _ledgerline_platform_v1_ProbeServiceClient, ProbeServiceDefinition as _ledgerline_platform_v1_ProbeServiceDefinition } from './ledgerline/platform/v1/ProbeService';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  ledgerline: {
    platform: {
      v1: {
        EchoRequest: MessageTypeDefinition<_ledgerline_platform_v1_EchoRequest, _ledgerline_platform_v1_EchoRequest__Output>
        EchoResponse: MessageTypeDefinition<_ledgerline_platform_v1_EchoResponse, _ledgerline_platform_v1_EchoResponse__Output>
        /**
         * A minimal service every process can host: smoke tests and the libs/grpc tests use it to
         * exercise the server plumbing (health, reflection, error mapping, deadlines, metadata).
         */
        ProbeService: SubtypeConstructor<typeof grpc.Client, _ledgerline_platform_v1_ProbeServiceClient> & { service: _ledgerline_platform_v1_ProbeServiceDefinition }
      }
    }
  }
}

