// Original file: proto/ledgerline/accounts/v1/accounts.proto


export interface CloseAccountRequest {
  /**
   * The account to close; it must hold no money and no open reservation.
   */
  'accountId'?: (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey'?: (string);
}

export interface CloseAccountRequest__Output {
  /**
   * The account to close; it must hold no money and no open reservation.
   */
  'accountId': (string);
  /**
   * Optional: makes a retry of this command safe (at most 128 characters).
   */
  'idempotencyKey': (string);
}
