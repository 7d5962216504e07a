// Original file: proto/ledgerline/platform/v1/ledger_admin.proto

import type { Long } from '@grpc/proto-loader';

export interface ExternalAccountBalance {
  /**
   * "deposits" or "clearing".
   */
  'kind'?: (string);
  'currency'?: (string);
  'balance'?: (number | string | Long);
}

export interface ExternalAccountBalance__Output {
  /**
   * "deposits" or "clearing".
   */
  'kind': (string);
  'currency': (string);
  'balance': (string);
}
