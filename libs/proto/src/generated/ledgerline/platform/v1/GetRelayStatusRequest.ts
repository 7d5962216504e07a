// Original file: proto/ledgerline/platform/v1/admin.proto


export interface GetRelayStatusRequest {
}

export interface GetRelayStatusRequest__Output {
}
