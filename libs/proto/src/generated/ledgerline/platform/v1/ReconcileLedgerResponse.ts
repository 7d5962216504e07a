// Original file: proto/ledgerline/platform/v1/ledger_admin.proto

import type { CurrencyZeroSum as _ledgerline_platform_v1_CurrencyZeroSum, CurrencyZeroSum__Output as _ledgerline_platform_v1_CurrencyZeroSum__Output } from '../../../ledgerline/platform/v1/CurrencyZeroSum';
import type { ExternalAccountBalance as _ledgerline_platform_v1_ExternalAccountBalance, ExternalAccountBalance__Output as _ledgerline_platform_v1_ExternalAccountBalance__Output } from '../../../ledgerline/platform/v1/ExternalAccountBalance';
import type { ViewReconciliation as _ledgerline_platform_v1_ViewReconciliation, ViewReconciliation__Output as _ledgerline_platform_v1_ViewReconciliation__Output } from '../../../ledgerline/platform/v1/ViewReconciliation';
import type { SettlementSum as _ledgerline_platform_v1_SettlementSum, SettlementSum__Output as _ledgerline_platform_v1_SettlementSum__Output } from '../../../ledgerline/platform/v1/SettlementSum';
import type { LedgerDifference as _ledgerline_platform_v1_LedgerDifference, LedgerDifference__Output as _ledgerline_platform_v1_LedgerDifference__Output } from '../../../ledgerline/platform/v1/LedgerDifference';
import type { Long } from '@grpc/proto-loader';

export interface ReconcileLedgerResponse {
  'ok'?: (boolean);
  /**
   * "head", or the point as given.
   */
  'at'?: (string);
  'checkpointTransactionId'?: (string);
  'checkpointPosition'?: (number | string | Long);
  'events'?: (number | string | Long);
  'accounts'?: (number | string | Long);
  /**
   * Per currency: the balances view's sum, the external accounts' sum, and their total (zero).
   */
  'zeroSums'?: (_ledgerline_platform_v1_CurrencyZeroSum)[];
  'externalAccounts'?: (_ledgerline_platform_v1_ExternalAccountBalance)[];
  /**
   * Events whose recorded balances do not follow from the amounts before them.
   */
  'breaks'?: (number | string | Long);
  'views'?: (_ledgerline_platform_v1_ViewReconciliation)[];
  /**
   * Per currency, captured payments (less refunds) against confirmed orders.
   */
  'settlements'?: (_ledgerline_platform_v1_SettlementSum)[];
  /**
   * Why the settlements were not compared; empty when they were.
   */
  'settlementsSkipped'?: (string);
  /**
   * Unset when ok.
   */
  'firstDifference'?: (_ledgerline_platform_v1_LedgerDifference | null);
  'durationMs'?: (number | string);
}

export interface ReconcileLedgerResponse__Output {
  'ok': (boolean);
  /**
   * "head", or the point as given.
   */
  'at': (string);
  'checkpointTransactionId': (string);
  'checkpointPosition': (string);
  'events': (string);
  'accounts': (string);
  /**
   * Per currency: the balances view's sum, the external accounts' sum, and their total (zero).
   */
  'zeroSums': (_ledgerline_platform_v1_CurrencyZeroSum__Output)[];
  'externalAccounts': (_ledgerline_platform_v1_ExternalAccountBalance__Output)[];
  /**
   * Events whose recorded balances do not follow from the amounts before them.
   */
  'breaks': (string);
  'views': (_ledgerline_platform_v1_ViewReconciliation__Output)[];
  /**
   * Per currency, captured payments (less refunds) against confirmed orders.
   */
  'settlements': (_ledgerline_platform_v1_SettlementSum__Output)[];
  /**
   * Why the settlements were not compared; empty when they were.
   */
  'settlementsSkipped': (string);
  /**
   * Unset when ok.
   */
  'firstDifference': (_ledgerline_platform_v1_LedgerDifference__Output | null);
  'durationMs': (number);
}
