// Original file: proto/ledgerline/accounts/v1/accounts.proto


export interface FreezeAccountRequest {
  /**
   * The open account to freeze.
   */
  'accountId'?: (string);
  /**
   * Why, e.g. "fraud review" (required, at most 500 characters).
   */
  'reason'?: (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey'?: (string);
}

export interface FreezeAccountRequest__Output {
  /**
   * The open account to freeze.
   */
  'accountId': (string);
  /**
   * Why, e.g. "fraud review" (required, at most 500 characters).
   */
  'reason': (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey': (string);
}
