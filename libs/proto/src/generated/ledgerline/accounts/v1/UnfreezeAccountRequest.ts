// Original file: proto/ledgerline/accounts/v1/accounts.proto


export interface UnfreezeAccountRequest {
  /**
   * The frozen account to unfreeze.
   */
  'accountId'?: (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey'?: (string);
}

export interface UnfreezeAccountRequest__Output {
  /**
   * The frozen account to unfreeze.
   */
  'accountId': (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey': (string);
}
