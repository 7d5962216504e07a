// Original file: proto/ledgerline/sagas/v1/sagas_admin.proto

import type { SagaSummary as _ledgerline_sagas_v1_SagaSummary, SagaSummary__Output as _ledgerline_sagas_v1_SagaSummary__Output } from '../../../ledgerline/sagas/v1/SagaSummary';

export interface ListSagasResponse {
  'sagas'?: (_ledgerline_sagas_v1_SagaSummary)[];
}

export interface ListSagasResponse__Output {
  'sagas': (_ledgerline_sagas_v1_SagaSummary__Output)[];
}
