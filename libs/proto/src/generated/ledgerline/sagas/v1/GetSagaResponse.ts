// Original file: proto/ledgerline/sagas/v1/sagas_admin.proto

import type { SagaSummary as _ledgerline_sagas_v1_SagaSummary, SagaSummary__Output as _ledgerline_sagas_v1_SagaSummary__Output } from '../../../ledgerline/sagas/v1/SagaSummary';
import type { SagaHistoryEntry as _ledgerline_sagas_v1_SagaHistoryEntry, SagaHistoryEntry__Output as _ledgerline_sagas_v1_SagaHistoryEntry__Output } from '../../../ledgerline/sagas/v1/SagaHistoryEntry';
import type { SagaCommand as _ledgerline_sagas_v1_SagaCommand, SagaCommand__Output as _ledgerline_sagas_v1_SagaCommand__Output } from '../../../ledgerline/sagas/v1/SagaCommand';

export interface GetSagaResponse {
  'saga'?: (_ledgerline_sagas_v1_SagaSummary | null);
  /**
   * The saga's state as JSON.
   */
  'stateJson'?: (string);
  'history'?: (_ledgerline_sagas_v1_SagaHistoryEntry)[];
  'commands'?: (_ledgerline_sagas_v1_SagaCommand)[];
  /**
   * The pending deadline's name and due time; empty when none.
   */
  'deadlineName'?: (string);
  'deadlineDueAt'?: (string);
}

export interface GetSagaResponse__Output {
  'saga': (_ledgerline_sagas_v1_SagaSummary__Output | null);
  /**
   * The saga's state as JSON.
   */
  'stateJson': (string);
  'history': (_ledgerline_sagas_v1_SagaHistoryEntry__Output)[];
  'commands': (_ledgerline_sagas_v1_SagaCommand__Output)[];
  /**
   * The pending deadline's name and due time; empty when none.
   */
  'deadlineName': (string);
  'deadlineDueAt': (string);
}
