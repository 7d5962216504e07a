// Original file: proto/ledgerline/platform/v1/ledger_admin.proto

import type { Long } from '@grpc/proto-loader';

export interface LedgerDifference {
  'view'?: (string);
  'accountId'?: (string);
  'what'?: (string);
  'expected'?: (string);
  'actual'?: (string);
  'eventId'?: (string);
  'streamVersion'?: (number);
  /**
   * 0 when the view does not know it.
   */
  'globalPosition'?: (number | string | Long);
}

export interface LedgerDifference__Output {
  'view': (string);
  'accountId': (string);
  'what': (string);
  'expected': (string);
  'actual': (string);
  'eventId': (string);
  'streamVersion': (number);
  /**
   * 0 when the view does not know it.
   */
  'globalPosition': (string);
}
