import type * as grpc from '@grpc/grpc-js';
import { accountStreamId } from '@ledgerline/accounts-domain';
import {
  type BalancesTables,
  getBalance,
  type HistoryTables,
  listTransactions,
} from '@ledgerline/accounts-views';
import { InvalidInput, NotFound, parseId } from '@ledgerline/domain';
import { type ServiceBinding } from '@ledgerline/grpc';
import { type accountsV1, loadPackage } from '@ledgerline/proto';
import {
  assertMayRead,
  callBounds,
  consistencyToken,
  type CursorCodec,
  type CursorValue,
  filterHash,
  ownerOfReads,
  pageSize,
  type QueryServiceContext,
  readerOf,
  tokenVersionOf,
} from '@ledgerline/query-service';
import { directoryHandlers } from './directory';
import { toBalanceResponse, toTransaction } from './responses';

export interface AccountViews {
  readonly balances: {
    readonly projection: string;
    readonly tables: BalancesTables;
    readonly cacheNamespace: string;
  };
  readonly history: { readonly projection: string; readonly tables: HistoryTables };
}

type Call<Request, Response> = grpc.ServerUnaryCall<Request, Response>;

/** How long a balance stays in Redis; projector batches invalidate it sooner (ADR 0007). */
const BALANCE_TTL_MS = 60_000;
const PAGE_LIMITS = { default: 50, max: 200 };

/** A page token is valid only for the account it was issued for. */
const pageScope = (accountId: string) => ({
  view: 'account-transactions',
  filterHash: filterHash({ accountId }),
});

/** The stream version the previous page ended on, from its (signed) page token. */
const pageBefore = (cursors: CursorCodec, token: string, accountId: string): number | undefined => {
  if (token === '') return undefined;
  const [before, ...rest]: CursorValue[] = cursors.decodeCursor(token, pageScope(accountId));
  if (typeof before !== 'number' || !Number.isSafeInteger(before) || rest.length > 0)
    throw new InvalidInput('pageToken', 'is not a page token issued for this query');
  return before;
};

/**
 * AccountQueryService: translates requests into view queries. Every read first waits for the
 * request's consistency token (ADR 0009); balances then read through the cache, never older
 * than the token. A caller that does not act for any owner reads only accounts it owns (the
 * balances row's `ownerId`, for customers and merchants alike): another's is PERMISSION_DENIED.
 */
export const accountQueryService = (
  context: QueryServiceContext,
  views: AccountViews,
): ServiceBinding => {
  const { AccountQueryService } = loadPackage(['ledgerline/accounts/v1/accounts_query.proto'])
    .ledgerline.accounts.v1;
  const { consistency, cursors, pool, unary } = context;
  const cache = context.cache(views.balances.cacheNamespace);
  const readBalance = (accountId: string, minVersion: number) =>
    cache.read(accountStreamId(accountId), { ttlMs: BALANCE_TTL_MS, minVersion }, async () => {
      const balance = await getBalance(pool, views.balances.tables, accountId);
      return balance && { value: balance, version: balance.streamVersion };
    });

  const implementation: accountsV1.AccountQueryServiceHandlers = {
    ...directoryHandlers(context, {
      projection: views.balances.projection,
      tables: views.balances.tables,
      readAccount: readBalance,
    }),
    GetBalance: unary(
      async (
        request: accountsV1.GetBalanceRequest__Output,
        call: Call<accountsV1.GetBalanceRequest__Output, accountsV1.GetBalanceResponse>,
      ): Promise<accountsV1.GetBalanceResponse> => {
        const caller = readerOf(call.metadata);
        const accountId = parseId('accountId', request.accountId);
        const token = consistencyToken(request.consistencyToken);
        await consistency.awaitToken({
          projection: views.balances.projection,
          token,
          scope: 'entity',
          ...callBounds(call),
        });
        const streamId = accountStreamId(accountId);
        const minVersion = tokenVersionOf(token, streamId);
        const found = await readBalance(accountId, minVersion);
        if (!found) throw new NotFound('account', accountId);
        // On the value itself, cached or not: the cache holds one entry per account for everyone.
        assertMayRead(caller, found.value.ownerId, 'account');
        return toBalanceResponse(found.value);
      },
    ),

    ListTransactions: unary(
      async (
        request: accountsV1.ListTransactionsRequest__Output,
        call: Call<accountsV1.ListTransactionsRequest__Output, accountsV1.ListTransactionsResponse>,
      ): Promise<accountsV1.ListTransactionsResponse> => {
        const caller = readerOf(call.metadata);
        const accountId = parseId('accountId', request.accountId);
        const limit = pageSize(request.pageSize, PAGE_LIMITS);
        const before = pageBefore(cursors, request.pageToken, accountId);
        const token = consistencyToken(request.consistencyToken);
        // One account's history is one stream: the token's stream version is the whole condition.
        await consistency.awaitToken({
          projection: views.history.projection,
          token,
          scope: 'entity',
          ...callBounds(call),
        });
        // The history has no owner of its own: an account's owner never changes, so its balances
        // row (cached) answers for it. Not there yet: as unknown as an account nobody opened. The
        // balances view has its own checkpoints: a token is awaited there too, so a caller that
        // just opened its account is not refused for a row the other view has not written yet.
        if (ownerOfReads(caller) !== undefined) {
          await consistency.awaitToken({
            projection: views.balances.projection,
            token,
            scope: 'entity',
            ...callBounds(call),
          });
          const owned = await readBalance(accountId, 0);
          if (!owned) throw new NotFound('account', accountId);
          assertMayRead(caller, owned.value.ownerId, 'account');
        }
        const page = await listTransactions(pool, views.history.tables, {
          accountId,
          limit,
          before,
        });
        if (page.streamVersion === null) throw new NotFound('account', accountId);
        return {
          transactions: page.transactions.map(toTransaction),
          nextPageToken:
            page.nextBefore === null
              ? ''
              : cursors.encodeCursor([page.nextBefore], pageScope(accountId)),
          streamVersion: page.streamVersion,
        };
      },
    ),
  };
  return { definition: AccountQueryService.service, implementation };
};
