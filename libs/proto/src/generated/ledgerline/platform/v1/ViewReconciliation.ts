// Original file: proto/ledgerline/platform/v1/ledger_admin.proto

import type { Long } from '@grpc/proto-loader';

export interface ViewReconciliation {
  'view'?: (string);
  'compared'?: (number | string | Long);
  'differing'?: (number | string | Long);
  'pastPoint'?: (number | string | Long);
  'behind'?: (number | string | Long);
  /**
   * Why the view was not compared; empty when it was.
   */
  'skipped'?: (string);
}

export interface ViewReconciliation__Output {
  'view': (string);
  'compared': (string);
  'differing': (string);
  'pastPoint': (string);
  'behind': (string);
  /**
   * Why the view was not compared; empty when it was.
   */
  'skipped': (string);
}
