// Original file: proto/ledgerline/sagas/v1/sagas_admin.proto


export interface RetrySagaRequest {
  'sagaId'?: (string);
}

export interface RetrySagaRequest__Output {
  'sagaId': (string);
}
