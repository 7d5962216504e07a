import type * as grpc from '@grpc/grpc-js';
import { type BalancesTables, listAccounts } from '@ledgerline/accounts-views';
import { checkText, InvalidInput, NotFound, parseId } from '@ledgerline/domain';
import { type accountsV1 } from '@ledgerline/proto';
import {
  assertMayRead,
  callBounds,
  consistencyToken,
  type CursorValue,
  filterHash,
  ownerOfReads,
  pageSize,
  type QueryServiceContext,
  readerOf,
  readKeysetPage,
  tokenVersionOf,
} from '@ledgerline/query-service';
import { accountStreamId } from '@ledgerline/accounts-domain';
import { kindFilter, statusFilter, toAccount } from './responses';
import { type AccountBalance } from '@ledgerline/accounts-views';

type Handlers = Pick<accountsV1.AccountQueryServiceHandlers, 'GetAccount' | 'ListAccounts'>;

export interface DirectoryView {
  readonly projection: string;
  readonly tables: BalancesTables;
  /** The balances view's cached read of one account, never older than `minVersion`. */
  readonly readAccount: (
    accountId: string,
    minVersion: number,
  ) => Promise<{ readonly value: AccountBalance } | undefined>;
}

const LIST_LIMITS = { default: 50, max: 200 };
/** Scopes ListAccounts page tokens (stable across rebuilds that rename the projection). */
const LIST_VIEW = 'accounts.directory';
const MAX_OWNER_ID_LENGTH = 256;

const ownerFilter = (raw: string): string | undefined => {
  if (raw === '') return undefined;
  if (raw.length > MAX_OWNER_ID_LENGTH)
    throw new InvalidInput('ownerId', `must be at most ${MAX_OWNER_ID_LENGTH} characters`);
  return checkText('ownerId', raw);
};

const afterOf = (values: readonly CursorValue[]): string => {
  const [accountId, extra] = values;
  if (typeof accountId !== 'string' || extra !== undefined)
    throw new InvalidInput('pageToken', 'is not a page token issued for this query');
  return accountId;
};

/**
 * The account directory over the balances view. GetAccount waits for the token's account
 * stream, ListAccounts for every accounts event up to the token (ADR 0009); a token of another
 * context asks nothing of these views (ADR 0024). A caller without owners:any reads only its own
 * accounts: GetAccount refuses another's, ListAccounts leaves them out.
 */
export const directoryHandlers = (context: QueryServiceContext, view: DirectoryView): Handlers => {
  const { consistency, pool, unary } = context;
  return {
    GetAccount: unary(
      async (
        request: accountsV1.GetAccountRequest__Output,
        call: grpc.ServerUnaryCall<
          accountsV1.GetAccountRequest__Output,
          accountsV1.GetAccountResponse
        >,
      ): Promise<accountsV1.GetAccountResponse> => {
        const caller = readerOf(call.metadata);
        const accountId = parseId('accountId', request.accountId);
        const token = consistencyToken(request.consistencyToken);
        await consistency.awaitToken({
          projection: view.projection,
          token,
          scope: 'entity',
          ...callBounds(call),
        });
        const found = await view.readAccount(
          accountId,
          tokenVersionOf(token, accountStreamId(accountId)),
        );
        if (!found) throw new NotFound('account', accountId);
        assertMayRead(caller, found.value.ownerId, 'account');
        return { account: toAccount(found.value) };
      },
    ),

    ListAccounts: unary(
      async (
        request: accountsV1.ListAccountsRequest__Output,
        call: grpc.ServerUnaryCall<
          accountsV1.ListAccountsRequest__Output,
          accountsV1.ListAccountsResponse
        >,
      ): Promise<accountsV1.ListAccountsResponse> => {
        const only = ownerOfReads(readerOf(call.metadata));
        const filters = {
          ownerId: ownerFilter(request.ownerId),
          kind: kindFilter(request.kind),
          status: statusFilter(request.status),
        };
        const limit = pageSize(request.pageSize, LIST_LIMITS);
        // A restricted caller's pages are its own: their tokens do not fit another's list.
        const scope = {
          view: LIST_VIEW,
          filterHash: filterHash({ ...filters, ...(only !== undefined && { only }) }),
        };
        const page = await readKeysetPage(context, call, {
          projection: view.projection,
          scope,
          pageToken: request.pageToken,
          token: consistencyToken(request.consistencyToken),
          cursorOf: afterOf,
          valuesOf: (next) => [next],
          load: async (after) => {
            // Another owner's accounts are left out for a restricted caller, as orders' lists do.
            if (only !== undefined && filters.ownerId !== undefined && filters.ownerId !== only)
              return { rows: [], next: null };
            const { accounts, next } = await listAccounts(pool, view.tables, {
              ...filters,
              ownerId: only ?? filters.ownerId,
              limit,
              after,
            });
            return { rows: accounts, next };
          },
        });
        return { accounts: page.rows.map(toAccount), nextPageToken: page.nextPageToken };
      },
    ),
  };
};
