import { type LedgerViews } from '@ledgerline/accounts-views';
import { type PlatformView } from '../registry';

const tablesOf = (view: PlatformView): Readonly<Record<string, string>> =>
  view.view.projection.sink === 'postgres' ? view.view.projection.tables : {};

/** Where the ledger's views live, from the query services' definitions (overrides included). */
export const ledgerViews = (views: readonly PlatformView[]): LedgerViews => {
  const find = (service: string, test: (view: PlatformView) => boolean): PlatformView => {
    const found = views.find((view) => view.service === service && test(view));
    if (!found) throw new Error(`${service} defines no view the ledger verification expects`);
    return found;
  };
  const balances = find('accounts-query', (v) => 'balances' in tablesOf(v));
  const history = find('accounts-query', (v) => 'transactions' in tablesOf(v));
  const search = (service: string) => find(service, (v) => v.sink === 'elasticsearch').serves[0]!;
  return {
    source: balances.view.source,
    balances: tablesOf(balances)['balances']!,
    history: {
      transactions: tablesOf(history)['transactions']!,
      heads: tablesOf(history)['heads']!,
    },
    paymentsAlias: search('payments-query'),
    ordersAlias: search('orders-query'),
  };
};
