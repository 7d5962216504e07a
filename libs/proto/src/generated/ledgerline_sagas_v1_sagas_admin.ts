import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { GetSagaRequest as _ledgerline_sagas_v1_GetSagaRequest, GetSagaRequest__Output as _ledgerline_sagas_v1_GetSagaRequest__Output } from './ledgerline/sagas/v1/GetSagaRequest';
import type { GetSagaResponse as _ledgerline_sagas_v1_GetSagaResponse, GetSagaResponse__Output as _ledgerline_sagas_v1_GetSagaResponse__Output } from './ledgerline/sagas/v1/GetSagaResponse';
import type { ListSagasRequest as _ledgerline_sagas_v1_ListSagasRequest, ListSagasRequest__Output as _ledgerline_sagas_v1_ListSagasRequest__Output } from './ledgerline/sagas/v1/ListSagasRequest';
import type { ListSagasResponse as _ledgerline_sagas_v1_ListSagasResponse, ListSagasResponse__Output as _ledgerline_sagas_v1_ListSagasResponse__Output } from './ledgerline/sagas/v1/ListSagasResponse';
import type { RetrySagaRequest as _ledgerline_sagas_v1_RetrySagaRequest, RetrySagaRequest__Output as _ledgerline_sagas_v1_RetrySagaRequest__Output } from './ledgerline/sagas/v1/RetrySagaRequest';
import type { RetrySagaResponse as _ledgerline_sagas_v1_RetrySagaResponse, RetrySagaResponse__Output as _ledgerline_sagas_v1_RetrySagaResponse__Output } from './ledgerline/sagas/v1/RetrySagaResponse';
import type { SagaAdminServiceClient as _ledgerline_sagas_v1_SagaAdminServiceClient, SagaAdminServiceDefinition as _ledgerline_sagas_v1_SagaAdminServiceDefinition } from './ledgerline/sagas/v1/SagaAdminService';
import type { SagaCommand as _ledgerline_sagas_v1_SagaCommand, SagaCommand__Output as _ledgerline_sagas_v1_SagaCommand__Output } from './ledgerline/sagas/v1/SagaCommand';
import type { SagaHistoryEntry as _ledgerline_sagas_v1_SagaHistoryEntry, SagaHistoryEntry__Output as _ledgerline_sagas_v1_SagaHistoryEntry__Output } from './ledgerline/sagas/v1/SagaHistoryEntry';
import type { SagaSummary as _ledgerline_sagas_v1_SagaSummary, SagaSummary__Output as _ledgerline_sagas_v1_SagaSummary__Output } from './ledgerline/sagas/v1/SagaSummary';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  ledgerline: {
    sagas: {
      v1: {
        GetSagaRequest: MessageTypeDefinition<_ledgerline_sagas_v1_GetSagaRequest, _ledgerline_sagas_v1_GetSagaRequest__Output>
        GetSagaResponse: MessageTypeDefinition<_ledgerline_sagas_v1_GetSagaResponse, _ledgerline_sagas_v1_GetSagaResponse__Output>
        ListSagasRequest: MessageTypeDefinition<_ledgerline_sagas_v1_ListSagasRequest, _ledgerline_sagas_v1_ListSagasRequest__Output>
        ListSagasResponse: MessageTypeDefinition<_ledgerline_sagas_v1_ListSagasResponse, _ledgerline_sagas_v1_ListSagasResponse__Output>
        RetrySagaRequest: MessageTypeDefinition<_ledgerline_sagas_v1_RetrySagaRequest, _ledgerline_sagas_v1_RetrySagaRequest__Output>
        RetrySagaResponse: MessageTypeDefinition<_ledgerline_sagas_v1_RetrySagaResponse, _ledgerline_sagas_v1_RetrySagaResponse__Output>
        /**
         * The operator surface of a saga service: list sagas by status, show one saga's history, and
         * retry a stuck step. Sagas whose compensation kept failing are in status
         * `compensation_failed` (also counted by the gauge ledgerline_sagas_compensation_failed) until
         * an operator retries them.
         */
        SagaAdminService: SubtypeConstructor<typeof grpc.Client, _ledgerline_sagas_v1_SagaAdminServiceClient> & { service: _ledgerline_sagas_v1_SagaAdminServiceDefinition }
        SagaCommand: MessageTypeDefinition<_ledgerline_sagas_v1_SagaCommand, _ledgerline_sagas_v1_SagaCommand__Output>
        SagaHistoryEntry: MessageTypeDefinition<_ledgerline_sagas_v1_SagaHistoryEntry, _ledgerline_sagas_v1_SagaHistoryEntry__Output>
        SagaSummary: MessageTypeDefinition<_ledgerline_sagas_v1_SagaSummary, _ledgerline_sagas_v1_SagaSummary__Output>
      }
    }
  }
}

