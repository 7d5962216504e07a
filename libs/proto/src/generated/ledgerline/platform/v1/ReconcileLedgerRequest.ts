// Original file: proto/ledgerline/platform/v1/ledger_admin.proto


export interface ReconcileLedgerRequest {
  /**
   * Empty for the present. Otherwise a global position, "<transaction id>/<position>" or an
   * RFC 3339 time: the views are compared where they are at that point, and counted as past it
   * where they are not.
   */
  'at'?: (string);
  /**
   * Without `at`: how long views that lag the ledger get to catch up (default 0).
   */
  'settleMs'?: (number);
}

export interface ReconcileLedgerRequest__Output {
  /**
   * Empty for the present. Otherwise a global position, "<transaction id>/<position>" or an
   * RFC 3339 time: the views are compared where they are at that point, and counted as past it
   * where they are not.
   */
  'at': (string);
  /**
   * Without `at`: how long views that lag the ledger get to catch up (default 0).
   */
  'settleMs': (number);
}
