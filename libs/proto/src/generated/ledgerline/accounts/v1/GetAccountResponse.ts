// Original file: proto/ledgerline/accounts/v1/accounts_query.proto

import type { Account as _ledgerline_accounts_v1_Account, Account__Output as _ledgerline_accounts_v1_Account__Output } from '../../../ledgerline/accounts/v1/Account';

export interface GetAccountResponse {
  'account'?: (_ledgerline_accounts_v1_Account | null);
}

export interface GetAccountResponse__Output {
  'account': (_ledgerline_accounts_v1_Account__Output | null);
}
