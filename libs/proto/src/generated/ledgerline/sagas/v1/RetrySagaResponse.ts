// Original file: proto/ledgerline/sagas/v1/sagas_admin.proto


export interface RetrySagaResponse {
  /**
   * The steps put back to be sent now.
   */
  'steps'?: (string)[];
  /**
   * The saga's status after the retry.
   */
  'status'?: (string);
}

export interface RetrySagaResponse__Output {
  /**
   * The steps put back to be sent now.
   */
  'steps': (string)[];
  /**
   * The saga's status after the retry.
   */
  'status': (string);
}
