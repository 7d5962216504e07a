import { type LedgerFold } from '@ledgerline/accounts-domain';
import { type SearchClient } from '@ledgerline/search';
import { Findings, skipped, type ViewComparison } from './findings';

interface CompositeAggregation {
  readonly after_key?: Record<string, string>;
  readonly buckets: readonly { key: Record<string, string>; captured: { value: number } }[];
}

const exists = (client: SearchClient, alias: string) => client.indices.exists({ index: alias });

/**
 * Per customer account, the `payments` index's captured amounts against the ledger's captured
 * reservations (each payment's capture is its payer's ReservationCaptured), paged by a composite
 * aggregation so an index of any size is summed in bounded memory.
 */
export const comparePayments = async (
  client: SearchClient,
  alias: string,
  fold: LedgerFold,
): Promise<ViewComparison> => {
  const view = `payments index (${alias})`;
  if (!(await exists(client, alias))) return skipped(view, `index ${alias} does not exist`);
  await client.indices.refresh({ index: alias });
  const findings = new Findings(view);
  const summed = new Set<string>();
  let after: Record<string, string> | undefined;
  for (;;) {
    const response = await client.search({
      index: alias,
      size: 0,
      aggs: {
        payers: {
          composite: {
            size: 1_000,
            sources: [{ payer: { terms: { field: 'payerAccountId' } } }],
            ...(after ? { after } : {}),
          },
          aggs: { captured: { sum: { field: 'capturedAmount' } } },
        },
      },
    });
    const payers = response.aggregations?.['payers'] as CompositeAggregation | undefined;
    for (const bucket of payers?.buckets ?? []) {
      const accountId = bucket.key['payer']!;
      summed.add(accountId);
      const account = fold.account(accountId);
      const expected = account?.captured ?? 0;
      findings.compared += 1;
      if (bucket.captured.value !== expected)
        findings.differ({
          accountId,
          what: 'Σ capturedAmount of its payments',
          expected: String(expected),
          actual: String(bucket.captured.value),
          event: account?.lastEvent ?? null,
        });
    }
    after = payers?.after_key;
    if (!after || (payers?.buckets.length ?? 0) === 0) break;
  }
  for (const account of fold.accounts())
    if (account.captured !== 0 && !summed.has(account.accountId))
      findings.differ({
        accountId: account.accountId,
        what: 'Σ capturedAmount of its payments',
        expected: String(account.captured),
        actual: 'no payment',
        event: account.lastEvent,
      });
  return findings.result();
};

/** Per currency: money captured by payments (less refunds) and the totals of confirmed orders. */
export interface SettledMoney {
  readonly currency: string;
  readonly captured: number;
  readonly confirmed: number;
}

interface TermsAggregation {
  readonly buckets: readonly { key: string; [sum: string]: unknown }[];
}

const sumsByCurrency = async (
  client: SearchClient,
  alias: string,
  query: object,
  sums: Record<string, string>,
): Promise<Map<string, Record<string, number>>> => {
  const response = await client.search({
    index: alias,
    size: 0,
    query,
    aggs: {
      currencies: {
        terms: { field: 'currency', size: 1_000 },
        aggs: Object.fromEntries(
          Object.entries(sums).map(([name, field]) => [name, { sum: { field } }]),
        ),
      },
    },
  });
  const currencies = response.aggregations?.['currencies'] as TermsAggregation | undefined;
  return new Map(
    (currencies?.buckets ?? []).map((bucket) => [
      bucket.key,
      Object.fromEntries(
        Object.keys(sums).map((name) => [name, (bucket[name] as { value: number }).value]),
      ),
    ]),
  );
};

/** Captured payments against confirmed (or shipped) orders, per currency. */
export const compareSettlements = async (
  client: SearchClient,
  aliases: { payments: string; orders: string },
): Promise<{ sums: SettledMoney[]; skipped?: string }> => {
  for (const alias of [aliases.payments, aliases.orders])
    if (!(await exists(client, alias)))
      return { sums: [], skipped: `index ${alias} does not exist` };
  await client.indices.refresh({ index: [aliases.payments, aliases.orders] });
  const payments = await sumsByCurrency(
    client,
    aliases.payments,
    { match_all: {} },
    { captured: 'capturedAmount', refunded: 'refundedAmount' },
  );
  const orders = await sumsByCurrency(
    client,
    aliases.orders,
    { terms: { status: ['confirmed', 'shipped'] } },
    { total: 'totalMinor' },
  );
  const currencies = [...new Set([...payments.keys(), ...orders.keys()])].sort();
  return {
    sums: currencies.map((currency) => {
      const paid = payments.get(currency);
      return {
        currency,
        captured: (paid?.['captured'] ?? 0) - (paid?.['refunded'] ?? 0),
        confirmed: orders.get(currency)?.['total'] ?? 0,
      };
    }),
  };
};
