import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { GetProjectionStatusRequest as _ledgerline_platform_v1_GetProjectionStatusRequest, GetProjectionStatusRequest__Output as _ledgerline_platform_v1_GetProjectionStatusRequest__Output } from './ledgerline/platform/v1/GetProjectionStatusRequest';
import type { GetProjectionStatusResponse as _ledgerline_platform_v1_GetProjectionStatusResponse, GetProjectionStatusResponse__Output as _ledgerline_platform_v1_GetProjectionStatusResponse__Output } from './ledgerline/platform/v1/GetProjectionStatusResponse';
import type { PartitionStatus as _ledgerline_platform_v1_PartitionStatus, PartitionStatus__Output as _ledgerline_platform_v1_PartitionStatus__Output } from './ledgerline/platform/v1/PartitionStatus';
import type { ProjectionStatus as _ledgerline_platform_v1_ProjectionStatus, ProjectionStatus__Output as _ledgerline_platform_v1_ProjectionStatus__Output } from './ledgerline/platform/v1/ProjectionStatus';
import type { ProjectionsAdminServiceClient as _ledgerline_platform_v1_ProjectionsAdminServiceClient, ProjectionsAdminServiceDefinition as _ledgerline_platform_v1_ProjectionsAdminServiceDefinition } from './ledgerline/platform/v1/ProjectionsAdminService';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  ledgerline: {
    platform: {
      v1: {
        GetProjectionStatusRequest: MessageTypeDefinition<_ledgerline_platform_v1_GetProjectionStatusRequest, _ledgerline_platform_v1_GetProjectionStatusRequest__Output>
        GetProjectionStatusResponse: MessageTypeDefinition<_ledgerline_platform_v1_GetProjectionStatusResponse, _ledgerline_platform_v1_GetProjectionStatusResponse__Output>
        PartitionStatus: MessageTypeDefinition<_ledgerline_platform_v1_PartitionStatus, _ledgerline_platform_v1_PartitionStatus__Output>
        ProjectionStatus: MessageTypeDefinition<_ledgerline_platform_v1_ProjectionStatus, _ledgerline_platform_v1_ProjectionStatus__Output>
        /**
         * Operator queries a query service answers about the read models it maintains and serves.
         */
        ProjectionsAdminService: SubtypeConstructor<typeof grpc.Client, _ledgerline_platform_v1_ProjectionsAdminServiceClient> & { service: _ledgerline_platform_v1_ProjectionsAdminServiceDefinition }
      }
    }
  }
}

