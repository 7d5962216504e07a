import { checkMoney, expectedBalances, type MoneyLedger, type SettledOrder } from './invariant';

const order = (
  outcome: SettledOrder['outcome'],
  totalMinor: number,
  customerAccountId = 'c1',
  merchantAccountId = 'm1',
): SettledOrder => ({
  orderId: `${outcome}-${totalMinor}`,
  customerAccountId,
  merchantAccountId,
  totalMinor,
  outcome,
});

const ledger = (orders: SettledOrder[]): MoneyLedger => ({
  deposits: new Map([
    ['c1', 10_000],
    ['c2', 5_000],
    ['m1', 200],
  ]),
  orders,
});

const held = (entries: [string, number, number?][]) =>
  new Map(
    entries.map(([id, balanceMinor, reservedMinor = 0]) => [id, { balanceMinor, reservedMinor }]),
  );

describe('money conservation', () => {
  describe('given confirmed and cancelled checkouts', () => {
    const run = ledger([
      order('confirmed', 700),
      order('confirmed', 300, 'c2'),
      order('cancelled', 999),
    ]);

    it('moves each confirmed total from its customer to its merchant, cancelled ones not at all', () => {
      expect(Object.fromEntries(expectedBalances(run))).toEqual({
        c1: 9_300,
        c2: 4_700,
        m1: 1_200,
      });
    });

    it('holds when every account shows that and nothing stays reserved', () => {
      const check = checkMoney(
        run,
        held([
          ['c1', 9_300],
          ['c2', 4_700],
          ['m1', 1_200],
        ]),
      );
      expect(check).toMatchObject({
        conserved: true,
        accounts: 3,
        depositsMinor: 15_200,
        balancesMinor: 15_200,
        confirmed: 2,
        cancelled: 1,
        movedMinor: 1_000,
        mismatches: [],
      });
    });

    it('is violated by a merchant paid twice (more money than was deposited)', () => {
      const check = checkMoney(
        run,
        held([
          ['c1', 9_300],
          ['c2', 4_700],
          ['m1', 1_900],
        ]),
      );
      expect(check.conserved).toBe(false);
      expect(check.balancesMinor).toBe(15_900);
      expect(check.mismatches).toEqual([
        { accountId: 'm1', expectedMinor: 1_200, balanceMinor: 1_900, reservedMinor: 0 },
      ]);
    });

    it('is violated by money left reserved, though the balances add up', () => {
      const check = checkMoney(
        run,
        held([
          ['c1', 9_300, 999],
          ['c2', 4_700],
          ['m1', 1_200],
        ]),
      );
      expect(check.conserved).toBe(false);
      expect(check.reservedMinor).toBe(999);
    });

    it('is violated by an account the view does not show', () => {
      const check = checkMoney(
        run,
        held([
          ['c1', 9_300],
          ['m1', 1_200],
        ]),
      );
      expect(check.conserved).toBe(false);
      expect(check.mismatches[0]).toMatchObject({ accountId: 'c2', balanceMinor: undefined });
    });
  });

  it('does not hold while a checkout is not final, whatever the balances', () => {
    const run = ledger([order('unsettled', 500)]);
    const check = checkMoney(
      run,
      held([
        ['c1', 10_000],
        ['c2', 5_000],
        ['m1', 200],
      ]),
    );
    expect(check).toMatchObject({ conserved: false, unsettled: 1, mismatches: [] });
  });
});
