/**
 * Money conservation over the accounts a load run created. Deposits bring money in; a confirmed
 * checkout moves its total from the customer to the merchant (reserve, capture, credit); a
 * cancelled one moves nothing in the end (a reservation is released, a captured payment is
 * refunded). So each account must hold its deposits − what it paid + what it was paid, nothing
 * may stay reserved, and the balances together must equal the deposits.
 */
export interface MoneyLedger {
  /** Every account created, with the sum of the deposits known to have been made into it. */
  readonly deposits: ReadonlyMap<string, number>;
  /** Checkouts in their final state. */
  readonly orders: readonly SettledOrder[];
}

export interface SettledOrder {
  readonly orderId: string;
  readonly customerAccountId: string;
  readonly merchantAccountId: string;
  readonly totalMinor: number;
  readonly outcome: 'confirmed' | 'cancelled' | 'unsettled';
}

export interface ObservedBalance {
  readonly balanceMinor: number;
  readonly reservedMinor: number;
}

export interface AccountMismatch {
  readonly accountId: string;
  readonly expectedMinor: number;
  readonly balanceMinor: number | undefined;
  readonly reservedMinor: number | undefined;
}

export interface MoneyCheck {
  readonly conserved: boolean;
  readonly accounts: number;
  readonly depositsMinor: number;
  readonly balancesMinor: number;
  readonly reservedMinor: number;
  readonly confirmed: number;
  readonly cancelled: number;
  /** Checkouts still not final when the run gave up waiting: their money is in flight. */
  readonly unsettled: number;
  readonly movedMinor: number;
  readonly mismatches: readonly AccountMismatch[];
}

/** What each account must hold once every checkout is final. */
export const expectedBalances = (ledger: MoneyLedger): Map<string, number> => {
  const expected = new Map(ledger.deposits);
  for (const order of ledger.orders) {
    if (order.outcome !== 'confirmed') continue;
    const add = (account: string, amount: number) =>
      expected.set(account, (expected.get(account) ?? 0) + amount);
    add(order.customerAccountId, -order.totalMinor);
    add(order.merchantAccountId, order.totalMinor);
  }
  return expected;
};

const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const value of values) total += value;
  return total;
};

export const checkMoney = (
  ledger: MoneyLedger,
  observed: ReadonlyMap<string, ObservedBalance>,
): MoneyCheck => {
  const expected = expectedBalances(ledger);
  const mismatches: AccountMismatch[] = [];
  for (const [accountId, expectedMinor] of expected) {
    const seen = observed.get(accountId);
    if (seen?.balanceMinor !== expectedMinor || seen.reservedMinor !== 0)
      mismatches.push({
        accountId,
        expectedMinor,
        balanceMinor: seen?.balanceMinor,
        reservedMinor: seen?.reservedMinor,
      });
  }
  const count = (outcome: SettledOrder['outcome']) =>
    ledger.orders.filter((o) => o.outcome === outcome).length;
  const confirmed = ledger.orders.filter((o) => o.outcome === 'confirmed');
  const unsettled = count('unsettled');
  const depositsMinor = sum(ledger.deposits.values());
  const balancesMinor = sum([...expected.keys()].map((id) => observed.get(id)?.balanceMinor ?? 0));
  return {
    conserved: mismatches.length === 0 && unsettled === 0 && balancesMinor === depositsMinor,
    accounts: expected.size,
    depositsMinor,
    balancesMinor,
    reservedMinor: sum([...expected.keys()].map((id) => observed.get(id)?.reservedMinor ?? 0)),
    confirmed: confirmed.length,
    cancelled: count('cancelled'),
    unsettled,
    movedMinor: sum(confirmed.map((o) => o.totalMinor)),
    mismatches,
  };
};
