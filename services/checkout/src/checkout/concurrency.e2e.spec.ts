import { eventually } from '@ledgerline/testing';
import { type Platform, startPlatform } from '../fixtures/platform';
import { untilDone } from '../fixtures/progress';

// 1,000 checkouts at once over 50 customers and 5 merchants, with deposits that cover only some
// of the orders, so reservations race on every customer account and many are refused. The burst
// is far above what the platform sustains: the test waits as long as checkouts keep ending, and
// fails when none ends for 30 s (a stall or a retry storm), not at a fixed time a slower machine
// misses.

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
}, 60_000);
afterAll(() => platform?.stop(), 60_000);

/** A small seeded generator (mulberry32), so a failing run can be repeated. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const inParallel = async <T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<unknown>,
) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
};

it('ends every one of 1,000 concurrent checkouts, conserving money with no account negative', async () => {
  const seed = Date.now() % 1_000_000;
  const random = seeded(seed);
  const checkout = await platform.startCheckout({ PG_POOL_SIZE: '30' });
  const customers: { id: string; deposit: number }[] = [];
  await inParallel(Array.from({ length: 50 }), 10, async () => {
    const deposit = Math.floor(random() * 40) * 1_000;
    customers.push({ id: await platform.openAccount('CUSTOMER', deposit), deposit });
  });
  const merchants: string[] = [];
  for (let i = 0; i < 5; i += 1) merchants.push(await platform.openAccount('MERCHANT', 0));
  const deposits = customers.reduce((sum, c) => sum + c.deposit, 0);
  const orders = Array.from({ length: 1_000 }, () => ({
    customer: customers[Math.floor(random() * customers.length)]!.id,
    merchant: merchants[Math.floor(random() * merchants.length)]!,
    amount: 100 + Math.floor(random() * 2_900),
  }));

  const started = Date.now();
  const orderIds: string[] = [];
  await inParallel(orders, 32, async (o) => {
    orderIds.push(await platform.placeOrder(o.customer, o.merchant, o.amount));
  });

  const ended = (c: Record<string, number>) => (c['completed'] ?? 0) + (c['compensated'] ?? 0);
  const counts = await untilDone(
    async () => ({ seed, ...(await platform.operator.countByStatus()) }),
    { done: (c) => ended(c) === 1_000, progress: ended, stallMs: 30_000, capMs: 600_000 },
  );
  const sagaSeconds = (Date.now() - started) / 1_000;
  // Overload adds waiting, not repeated work: each command was sent about once.
  const attempts = await platform.pool.query<{ commands: string; sends: string }>(
    `SELECT count(*) AS commands, count(*) + coalesce(sum(attempts), 0) AS sends
     FROM "${platform.schemas.sagas}".saga_commands`,
  );
  const perStep = Number(attempts.rows[0]!.sends) / Number(attempts.rows[0]!.commands);
  expect(perStep).toBeLessThan(1.1);
  expect(counts).toMatchObject({ running: 0, compensating: 0, compensation_failed: 0 });
  expect(counts.completed).toBeGreaterThan(0);
  expect(counts.compensated).toBeGreaterThan(0);

  const accounts = [...customers.map((c) => c.id), ...merchants];
  const { rows } = await eventually(
    async () => {
      const result = await platform.pool.query<{
        confirmed: string;
        cancelled: string;
        captured: string;
        failed: string;
      }>(
        `SELECT (SELECT count(*) FROM "${platform.schemas.read}".orders WHERE status = 'confirmed' AND order_id = ANY($1)) AS confirmed,
                (SELECT count(*) FROM "${platform.schemas.read}".orders WHERE status = 'cancelled' AND order_id = ANY($1)) AS cancelled,
                (SELECT count(*) FROM "${platform.schemas.read}".payments WHERE status = 'captured' AND order_id = ANY($1)) AS captured,
                (SELECT count(*) FROM "${platform.schemas.read}".payments WHERE status = 'failed' AND order_id = ANY($1)) AS failed`,
        [orderIds],
      );
      const r = result.rows[0]!;
      expect(Number(r.confirmed) + Number(r.cancelled)).toBe(1_000);
      expect(Number(r.captured) + Number(r.failed)).toBe(1_000);
      const totals = await platform.totals(accounts);
      expect(totals.reserved).toBe(0);
      expect(totals.balance).toBe(deposits);
      return result;
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  const r = rows[0]!;
  expect(Number(r.confirmed)).toBe(counts.completed);
  expect(Number(r.captured)).toBe(Number(r.confirmed));
  const totals = await platform.totals(accounts);
  expect(totals).toEqual({ balance: deposits, reserved: 0, negative: 0, accounts: 55 });

  // The read model against the source of truth: each account's last event carries its balance.
  for (const accountId of accounts) {
    const events = await platform.accountEvents(accountId);
    const last = events
      .filter((e) => typeof (e.data as { balance?: unknown }).balance === 'number')
      .pop();
    expect((last?.data as { balance: number } | undefined)?.balance ?? 0).toBe(
      (await platform.balance(accountId))?.balance,
    );
  }
  await checkout.kill('SIGTERM');
  process.stdout.write(
    `1,000 checkouts: every saga terminal after ${sagaSeconds.toFixed(1)} s, ${perStep.toFixed(3)} sends per command (seed ${seed})\n`,
  );
}, 780_000);
