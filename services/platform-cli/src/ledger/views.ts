import { type PlatformView } from '../registry';

/** Where the ledger's views live, as the query services define them (overrides included). */
export interface LedgerViews {
  readonly source: PlatformView['view']['source'];
  readonly balances: string;
  readonly history: { readonly transactions: string; readonly heads: string };
  readonly paymentsAlias: string;
  readonly ordersAlias: string;
}

const tablesOf = (view: PlatformView): Readonly<Record<string, string>> =>
  view.view.projection.sink === 'postgres' ? view.view.projection.tables : {};

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
