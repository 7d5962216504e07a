// Original file: proto/ledgerline/sagas/v1/sagas_admin.proto


export interface ListSagasRequest {
  /**
   * running, compensating, completed, compensated or compensation_failed; every status when empty.
   */
  'status'?: (string);
  /**
   * Only this saga type (e.g. "checkout"); every type when empty.
   */
  'type'?: (string);
  /**
   * At most this many (1 to 10 000); 100 when 0.
   */
  'limit'?: (number);
}

export interface ListSagasRequest__Output {
  /**
   * running, compensating, completed, compensated or compensation_failed; every status when empty.
   */
  'status': (string);
  /**
   * Only this saga type (e.g. "checkout"); every type when empty.
   */
  'type': (string);
  /**
   * At most this many (1 to 10 000); 100 when 0.
   */
  'limit': (number);
}
