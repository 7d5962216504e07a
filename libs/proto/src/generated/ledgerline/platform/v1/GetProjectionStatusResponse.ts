// Original file: proto/ledgerline/platform/v1/projections_admin.proto

import type { ProjectionStatus as _ledgerline_platform_v1_ProjectionStatus, ProjectionStatus__Output as _ledgerline_platform_v1_ProjectionStatus__Output } from '../../../ledgerline/platform/v1/ProjectionStatus';

export interface GetProjectionStatusResponse {
  'projections'?: (_ledgerline_platform_v1_ProjectionStatus)[];
}

export interface GetProjectionStatusResponse__Output {
  'projections': (_ledgerline_platform_v1_ProjectionStatus__Output)[];
}
