// Original file: proto/ledgerline/sagas/v1/sagas_admin.proto


export interface SagaHistoryEntry {
  'version'?: (number);
  /**
   * event:<event id>, reply:<step>:<generation>, deadline:<name>:<due>, exhausted:…, operator-retry:…
   */
  'inputId'?: (string);
  'inputJson'?: (string);
  /**
   * The saga's status after this input.
   */
  'status'?: (string);
  /**
   * The commands this input produced, as JSON.
   */
  'commandsJson'?: (string);
  'recordedAt'?: (string);
}

export interface SagaHistoryEntry__Output {
  'version': (number);
  /**
   * event:<event id>, reply:<step>:<generation>, deadline:<name>:<due>, exhausted:…, operator-retry:…
   */
  'inputId': (string);
  'inputJson': (string);
  /**
   * The saga's status after this input.
   */
  'status': (string);
  /**
   * The commands this input produced, as JSON.
   */
  'commandsJson': (string);
  'recordedAt': (string);
}
