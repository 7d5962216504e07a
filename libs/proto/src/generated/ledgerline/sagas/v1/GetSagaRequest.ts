// Original file: proto/ledgerline/sagas/v1/sagas_admin.proto


export interface GetSagaRequest {
  'sagaId'?: (string);
}

export interface GetSagaRequest__Output {
  'sagaId': (string);
}
