// Original file: proto/ledgerline/platform/v1/ledger_admin.proto

import type { Long } from '@grpc/proto-loader';

export interface CurrencyZeroSum {
  'currency'?: (string);
  'accounts'?: (number | string | Long);
  'external'?: (number | string | Long);
  'total'?: (number | string | Long);
}

export interface CurrencyZeroSum__Output {
  'currency': (string);
  'accounts': (string);
  'external': (string);
  'total': (string);
}
