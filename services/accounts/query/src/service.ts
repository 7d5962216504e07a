import { ACCOUNT_STREAM_CATEGORY } from '@ledgerline/accounts-domain';
import {
  accountBalancesProjection,
  accountsSearchProjection,
  transactionHistoryProjection,
} from '@ledgerline/accounts-views';
import { defineView, type QueryServiceDefinition } from '@ledgerline/query-service';
import { accountQueryService } from './query/handlers';
import { ledgerAdminService } from './query/ledger-admin';

export interface AccountsQueryOptions {
  /** Schema of the views' tables and of the projection runtime. Default `read_accounts`. */
  readonly readSchema?: string;
  /** The event store schema the accounts command service writes. Default `accounts`. */
  readonly sourceSchema?: string;
  /** Prefix of the projection names (checkpoints, consumer groups). Default `accounts`. */
  readonly projectionPrefix?: string;
  /** The Elasticsearch alias of the analysts' `accounts` index (index `<alias>-v1`). Default `accounts`. */
  readonly searchAlias?: string;
  /** Redis namespace of the balances cache. Default `account-balances-v1`. */
  readonly cacheNamespace?: string;
  /** The payments and orders aliases ReconcileLedger sums. Default `payments`, `orders`. */
  readonly ledgerAliases?: { readonly payments: string; readonly orders: string };
  readonly projector?: QueryServiceDefinition['projector'];
}

/**
 * The accounts query service: the balances view (cached per account in Redis, also the account
 * directory), the transaction history view and the analysts' `accounts` search index, fed from the accounts event store, served by AccountQueryService.
 * Tests pass fresh schemas and names; production takes the defaults.
 */
export const accountsQuery = ({
  readSchema = 'read_accounts',
  sourceSchema = 'accounts',
  projectionPrefix = 'accounts',
  searchAlias = 'accounts',
  cacheNamespace = 'account-balances-v1',
  ledgerAliases = { payments: 'payments', orders: 'orders' },
  projector,
}: AccountsQueryOptions = {}): QueryServiceDefinition => {
  const balances = accountBalancesProjection({
    name: `${projectionPrefix}.balances`,
    tables: { balances: `${readSchema}.balances_v1` },
  });
  const history = transactionHistoryProjection({
    name: `${projectionPrefix}.transaction-history`,
    tables: {
      transactions: `${readSchema}.transactions_v1`,
      heads: `${readSchema}.history_heads_v1`,
    },
  });
  // For analysts only (docs/analytics): no RPC reads it, the directory RPCs read the balances view.
  const search = accountsSearchProjection({
    name: `${projectionPrefix}.search`,
    alias: searchAlias,
  });
  return {
    name: 'accounts-query',
    schema: readSchema,
    sources: [{ schema: sourceSchema, categories: [ACCOUNT_STREAM_CATEGORY] }],
    views: [
      defineView(balances, { namespace: cacheNamespace }),
      defineView(history),
      defineView(search),
    ],
    ...(projector && { projector }),
    services: (context) => [
      accountQueryService(context, {
        balances: { projection: balances.name, tables: balances.tables, cacheNamespace },
        history: { projection: history.name, tables: history.tables },
      }),
      ledgerAdminService(context, {
        source: { schema: sourceSchema, categories: [ACCOUNT_STREAM_CATEGORY] },
        balances: balances.tables.balances,
        history: history.tables,
        paymentsAlias: ledgerAliases.payments,
        ordersAlias: ledgerAliases.orders,
      }),
    ],
  };
};
