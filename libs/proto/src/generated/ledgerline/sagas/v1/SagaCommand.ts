// Original file: proto/ledgerline/sagas/v1/sagas_admin.proto


export interface SagaCommand {
  'step'?: (string);
  /**
   * pending, done, rejected, failed or superseded.
   */
  'status'?: (string);
  'compensation'?: (boolean);
  'attempts'?: (number);
  'lastError'?: (string);
  'idempotencyKey'?: (string);
  'commandJson'?: (string);
  'generation'?: (number);
  'nextAttemptAt'?: (string);
}

export interface SagaCommand__Output {
  'step': (string);
  /**
   * pending, done, rejected, failed or superseded.
   */
  'status': (string);
  'compensation': (boolean);
  'attempts': (number);
  'lastError': (string);
  'idempotencyKey': (string);
  'commandJson': (string);
  'generation': (number);
  'nextAttemptAt': (string);
}
