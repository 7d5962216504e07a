// Original file: proto/ledgerline/sagas/v1/sagas_admin.proto


export interface SagaSummary {
  'sagaId'?: (string);
  'type'?: (string);
  'status'?: (string);
  /**
   * The number of inputs handled so far.
   */
  'version'?: (number);
  /**
   * RFC 3339 times.
   */
  'createdAt'?: (string);
  'updatedAt'?: (string);
}

export interface SagaSummary__Output {
  'sagaId': (string);
  'type': (string);
  'status': (string);
  /**
   * The number of inputs handled so far.
   */
  'version': (number);
  /**
   * RFC 3339 times.
   */
  'createdAt': (string);
  'updatedAt': (string);
}
