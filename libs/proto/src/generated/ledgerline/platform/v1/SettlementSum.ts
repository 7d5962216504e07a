// Original file: proto/ledgerline/platform/v1/ledger_admin.proto

import type { Long } from '@grpc/proto-loader';

export interface SettlementSum {
  'currency'?: (string);
  'captured'?: (number | string | Long);
  'confirmed'?: (number | string | Long);
}

export interface SettlementSum__Output {
  'currency': (string);
  'captured': (string);
  'confirmed': (string);
}
