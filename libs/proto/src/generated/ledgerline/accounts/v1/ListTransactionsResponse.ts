// Original file: proto/ledgerline/accounts/v1/accounts_query.proto

import type { AccountTransaction as _ledgerline_accounts_v1_AccountTransaction, AccountTransaction__Output as _ledgerline_accounts_v1_AccountTransaction__Output } from '../../../ledgerline/accounts/v1/AccountTransaction';
import type { Long } from '@grpc/proto-loader';

export interface ListTransactionsResponse {
  /**
   * Newest first.
   */
  'transactions'?: (_ledgerline_accounts_v1_AccountTransaction)[];
  /**
   * Opaque; pass it as page_token for the next (older) page. Empty on the last page.
   */
  'nextPageToken'?: (string);
  /**
   * The version of the account's stream the history reflected when the page was read.
   */
  'streamVersion'?: (number | string | Long);
}

export interface ListTransactionsResponse__Output {
  /**
   * Newest first.
   */
  'transactions': (_ledgerline_accounts_v1_AccountTransaction__Output)[];
  /**
   * Opaque; pass it as page_token for the next (older) page. Empty on the last page.
   */
  'nextPageToken': (string);
  /**
   * The version of the account's stream the history reflected when the page was read.
   */
  'streamVersion': (string);
}
