import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AdminServiceClient as _ledgerline_platform_v1_AdminServiceClient, AdminServiceDefinition as _ledgerline_platform_v1_AdminServiceDefinition } from './ledgerline/platform/v1/AdminService';
import type { ForgetSubjectRequest as _ledgerline_platform_v1_ForgetSubjectRequest, ForgetSubjectRequest__Output as _ledgerline_platform_v1_ForgetSubjectRequest__Output } from './ledgerline/platform/v1/ForgetSubjectRequest';
import type { ForgetSubjectResponse as _ledgerline_platform_v1_ForgetSubjectResponse, ForgetSubjectResponse__Output as _ledgerline_platform_v1_ForgetSubjectResponse__Output } from './ledgerline/platform/v1/ForgetSubjectResponse';
import type { GetRelayStatusRequest as _ledgerline_platform_v1_GetRelayStatusRequest, GetRelayStatusRequest__Output as _ledgerline_platform_v1_GetRelayStatusRequest__Output } from './ledgerline/platform/v1/GetRelayStatusRequest';
import type { GetRelayStatusResponse as _ledgerline_platform_v1_GetRelayStatusResponse, GetRelayStatusResponse__Output as _ledgerline_platform_v1_GetRelayStatusResponse__Output } from './ledgerline/platform/v1/GetRelayStatusResponse';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  ledgerline: {
    platform: {
      v1: {
        /**
         * Operator queries every Ledgerline process answers about its own background work.
         */
        AdminService: SubtypeConstructor<typeof grpc.Client, _ledgerline_platform_v1_AdminServiceClient> & { service: _ledgerline_platform_v1_AdminServiceDefinition }
        ForgetSubjectRequest: MessageTypeDefinition<_ledgerline_platform_v1_ForgetSubjectRequest, _ledgerline_platform_v1_ForgetSubjectRequest__Output>
        ForgetSubjectResponse: MessageTypeDefinition<_ledgerline_platform_v1_ForgetSubjectResponse, _ledgerline_platform_v1_ForgetSubjectResponse__Output>
        GetRelayStatusRequest: MessageTypeDefinition<_ledgerline_platform_v1_GetRelayStatusRequest, _ledgerline_platform_v1_GetRelayStatusRequest__Output>
        GetRelayStatusResponse: MessageTypeDefinition<_ledgerline_platform_v1_GetRelayStatusResponse, _ledgerline_platform_v1_GetRelayStatusResponse__Output>
      }
    }
  }
}

