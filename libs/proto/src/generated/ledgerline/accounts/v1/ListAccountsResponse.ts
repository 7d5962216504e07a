// Original file: proto/ledgerline/accounts/v1/accounts_query.proto

import type { Account as _ledgerline_accounts_v1_Account, Account__Output as _ledgerline_accounts_v1_Account__Output } from '../../../ledgerline/accounts/v1/Account';

export interface ListAccountsResponse {
  /**
   * Ordered by account_id.
   */
  'accounts'?: (_ledgerline_accounts_v1_Account)[];
  /**
   * Opaque; pass it as page_token for the next page. Empty on the last page.
   */
  'nextPageToken'?: (string);
}

export interface ListAccountsResponse__Output {
  /**
   * Ordered by account_id.
   */
  'accounts': (_ledgerline_accounts_v1_Account__Output)[];
  /**
   * Opaque; pass it as page_token for the next page. Empty on the last page.
   */
  'nextPageToken': (string);
}
