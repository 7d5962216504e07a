import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CurrencyZeroSum as _ledgerline_platform_v1_CurrencyZeroSum, CurrencyZeroSum__Output as _ledgerline_platform_v1_CurrencyZeroSum__Output } from './ledgerline/platform/v1/CurrencyZeroSum';
import type { ExternalAccountBalance as _ledgerline_platform_v1_ExternalAccountBalance, ExternalAccountBalance__Output as _ledgerline_platform_v1_ExternalAccountBalance__Output } from './ledgerline/platform/v1/ExternalAccountBalance';
import type { LedgerAdminServiceClient as _ledgerline_platform_v1_LedgerAdminServiceClient, LedgerAdminServiceDefinition as _ledgerline_platform_v1_LedgerAdminServiceDefinition } from './ledgerline/platform/v1/LedgerAdminService';
import type { LedgerDifference as _ledgerline_platform_v1_LedgerDifference, LedgerDifference__Output as _ledgerline_platform_v1_LedgerDifference__Output } from './ledgerline/platform/v1/LedgerDifference';
import type { ReconcileLedgerRequest as _ledgerline_platform_v1_ReconcileLedgerRequest, ReconcileLedgerRequest__Output as _ledgerline_platform_v1_ReconcileLedgerRequest__Output } from './ledgerline/platform/v1/ReconcileLedgerRequest';
import type { ReconcileLedgerResponse as _ledgerline_platform_v1_ReconcileLedgerResponse, ReconcileLedgerResponse__Output as _ledgerline_platform_v1_ReconcileLedgerResponse__Output } from './ledgerline/platform/v1/ReconcileLedgerResponse';
import type { SettlementSum as _ledgerline_platform_v1_SettlementSum, SettlementSum__Output as _ledgerline_platform_v1_SettlementSum__Output } from './ledgerline/platform/v1/SettlementSum';
import type { ViewReconciliation as _ledgerline_platform_v1_ViewReconciliation, ViewReconciliation__Output as _ledgerline_platform_v1_ViewReconciliation__Output } from './ledgerline/platform/v1/ViewReconciliation';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  ledgerline: {
    platform: {
      v1: {
        CurrencyZeroSum: MessageTypeDefinition<_ledgerline_platform_v1_CurrencyZeroSum, _ledgerline_platform_v1_CurrencyZeroSum__Output>
        ExternalAccountBalance: MessageTypeDefinition<_ledgerline_platform_v1_ExternalAccountBalance, _ledgerline_platform_v1_ExternalAccountBalance__Output>
        /**
         * Reconciliation of money (ADR 0025): the accounts event store folded into a double-entry ledger
         * and every view of it compared with that ledger. The accounts query service answers it.
         */
        LedgerAdminService: SubtypeConstructor<typeof grpc.Client, _ledgerline_platform_v1_LedgerAdminServiceClient> & { service: _ledgerline_platform_v1_LedgerAdminServiceDefinition }
        LedgerDifference: MessageTypeDefinition<_ledgerline_platform_v1_LedgerDifference, _ledgerline_platform_v1_LedgerDifference__Output>
        ReconcileLedgerRequest: MessageTypeDefinition<_ledgerline_platform_v1_ReconcileLedgerRequest, _ledgerline_platform_v1_ReconcileLedgerRequest__Output>
        ReconcileLedgerResponse: MessageTypeDefinition<_ledgerline_platform_v1_ReconcileLedgerResponse, _ledgerline_platform_v1_ReconcileLedgerResponse__Output>
        SettlementSum: MessageTypeDefinition<_ledgerline_platform_v1_SettlementSum, _ledgerline_platform_v1_SettlementSum__Output>
        ViewReconciliation: MessageTypeDefinition<_ledgerline_platform_v1_ViewReconciliation, _ledgerline_platform_v1_ViewReconciliation__Output>
      }
    }
  }
}

