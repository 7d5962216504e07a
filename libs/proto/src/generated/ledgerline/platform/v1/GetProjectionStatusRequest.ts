// Original file: proto/ledgerline/platform/v1/projections_admin.proto


export interface GetProjectionStatusRequest {
  /**
   * Only this projection; every projection of the service when empty.
   */
  'projection'?: (string);
}

export interface GetProjectionStatusRequest__Output {
  /**
   * Only this projection; every projection of the service when empty.
   */
  'projection': (string);
}
