import { randomUUID } from 'node:crypto';
import {
  accountBalancesProjection,
  transactionHistoryProjection,
} from '@ledgerline/accounts-views';
import { ordersProjection } from '@ledgerline/orders-views';
import { type Pipeline, pipelineNames, startPipeline } from './fixtures/pipeline';
import { rebuild } from './rebuild';

describe('rebuilding the accounts views (several tables) by their batch path and their handlers', () => {
  const names = pipelineNames();
  const tables = {
    transactions: `${names.readSchema}.transactions_v1`,
    heads: `${names.readSchema}.history_heads_v1`,
  };
  const projection = transactionHistoryProjection({
    name: `${names.category}.transaction-history`,
    topics: [names.topic],
    tables,
  });
  const balances = accountBalancesProjection({
    name: `${names.category}.balances`,
    topics: [names.topic],
    tables: { balances: `${names.readSchema}.balances_v1` },
  });
  let pipeline: Pipeline;
  const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
  const writeAccounts = async (count: number) => {
    for (let i = 0; i < count; i += 1) {
      const accountId = randomUUID();
      const stream = `${names.category}-${accountId}`;
      const open = {
        accountId,
        ownerId: randomUUID(),
        kind: 'customer',
        currency: 'USD',
        at: at(1),
      };
      const deposit = (n: number) => ({
        type: 'FundsDeposited',
        data: {
          accountId,
          amount: 100,
          balance: 100 * n,
          reserved: 0,
          currency: 'USD',
          at: at(n + 1),
          reference: null,
        },
      });
      const money = { accountId, currency: 'USD', reservationId: `r-${accountId}` };
      await pipeline.store.append(
        stream,
        [
          { type: 'AccountOpened', data: open },
          deposit(1),
          deposit(2),
          deposit(3),
          // Every fourth account also reserves, captures, is frozen and unfrozen.
          ...(i % 4 === 0
            ? [
                {
                  type: 'FundsReserved',
                  data: { ...money, amount: 50, balance: 300, reserved: 50, at: at(5) },
                },
                {
                  type: 'ReservationCaptured',
                  data: { ...money, amount: 50, balance: 250, reserved: 0, at: at(6) },
                },
                { type: 'AccountFrozen', data: { accountId, reason: 'review', at: at(7) } },
                ...(i % 8 === 0
                  ? [{ type: 'AccountUnfrozen', data: { accountId, at: at(8) } }]
                  : []),
              ]
            : []),
        ],
        { expectedVersion: 'no_stream' },
      );
    }
  };
  const indexesOf = async (table: string) =>
    (
      await pipeline.pool.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid = $1::regclass ORDER BY 1`,
        [table],
      )
    ).rows.map((row) => row.name);

  beforeAll(async () => {
    pipeline = await startPipeline(names);
    await pipeline.startLive(projection);
    await pipeline.startLive(balances);
    await writeAccounts(40);
    await pipeline.liveCaughtUp(projection.name);
    await pipeline.liveCaughtUp(balances.name);
  }, 60_000);
  afterAll(() => pipeline?.close());

  it('swaps every table and its indexes under the live names, and the projector carries on', async () => {
    const before = await indexesOf(tables.transactions);
    // The live copy was built by the handlers: the batch path must verify equal to it.
    const summary = await rebuild(pipeline.deps, pipeline.view(projection), { batchSize: 50 });
    expect(summary.path).toBe('bulk');
    expect(summary.verification?.equal).toBe(true);
    expect(
      Object.fromEntries(summary.verification!.tables.map((t) => [t.name, t.shadowRows])),
    ).toEqual({ transactions: 140, heads: 40 });
    // The promoted copy carries the live index names; a restarted service's migrate adds none.
    expect(await indexesOf(tables.transactions)).toEqual(before);
    const client = await pipeline.pool.connect();
    await projection.migrate!(client, tables).finally(() => client.release());
    expect(await indexesOf(tables.transactions)).toEqual(before);
    expect(await indexesOf(`${tables.transactions}__g1`)).toEqual(
      before.map((name) => name.replace('transactions_v1_', 'transactions_v1__g1_')),
    );

    await writeAccounts(5);
    await pipeline.liveCaughtUp(projection.name);
    const again = await rebuild(pipeline.deps, pipeline.view(projection), {
      batchSize: 500,
      forceHandlers: true,
    });
    expect(again.path).toBe('handlers');
    expect(again.verification?.equal).toBe(true);
    expect(again.verification?.tables.find((t) => t.name === 'heads')?.liveRows).toBe(45);
  }, 90_000);

  it('folds balances, reservations and freezes by the batch path as the handlers do', async () => {
    await pipeline.liveCaughtUp(balances.name);
    const bulk = await rebuild(pipeline.deps, pipeline.view(balances), { batchSize: 70 });
    expect(bulk.path).toBe('bulk');
    expect(bulk.verification?.equal).toBe(true);
    expect(bulk.verification?.tables[0]?.liveRows).toBe(45);
    const { rows } = await pipeline.pool.query<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM ${names.readSchema}.balances_v1 GROUP BY status ORDER BY 1`,
    );
    expect(rows.map((r) => [r.status, Number(r.n)])).toEqual([
      ['frozen', 6],
      ['open', 39],
    ]);
    // A copy built by the handlers equals the one the batch path built.
    const handlers = await rebuild(pipeline.deps, pipeline.view(balances), { forceHandlers: true });
    expect(handlers.path).toBe('handlers');
    expect(handlers.verification?.equal).toBe(true);
  }, 60_000);
});

const ORDERS_V1_AS_FIRST_SHIPPED = (table: string) => `
  CREATE TABLE ${table} (
    order_id text PRIMARY KEY, customer_id text NOT NULL, merchant_id text NOT NULL,
    customer_account_id text NOT NULL, merchant_account_id text NOT NULL,
    currency char(3) NOT NULL, total_minor bigint NOT NULL, status text NOT NULL,
    payment_id text, cancel_reason text, carrier text, tracking_number text,
    placed_at timestamptz NOT NULL, confirmed_at timestamptz, cancelled_at timestamptz,
    shipped_at timestamptz, updated_at timestamptz NOT NULL, stream_version int NOT NULL)`;

describe('rebuilding the orders view (orders and their lines) by its batch path and its handlers', () => {
  const names = pipelineNames();
  const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
  const orders = ordersProjection({
    name: `${names.category}.orders`,
    topics: [names.topic],
    tables: {
      orders: `${names.readSchema}.orders_v1`,
      orderLines: `${names.readSchema}.order_lines_v1`,
    },
  });
  /** Orders placed with 1–3 lines; then confirmed and shipped, cancelled, or left placed. */
  const writeOrders = async (count: number) => {
    for (let i = 0; i < count; i += 1) {
      const orderId = randomUUID();
      const lines = Array.from({ length: 1 + (i % 3) }, (_, n) => ({
        sku: `SKU-${n}`,
        description: `item ${n}`,
        quantity: n + 1,
        unitPriceMinor: 100,
        lineTotalMinor: 100 * (n + 1),
      }));
      const facts = {
        orderId,
        customerId: `c-${i % 5}`,
        merchantId: 'm-1',
        totalMinor: lines.reduce((sum, line) => sum + line.lineTotalMinor, 0),
        currency: 'USD',
      };
      const paymentId = randomUUID();
      // Every other order records who placed it; the rest are as orders were before that.
      const placedBy = i % 2 === 0 ? { placedBy: `user-${i % 5}` } : {};
      const placed = {
        type: 'OrderPlaced',
        data: {
          ...facts,
          ...placedBy,
          customerAccountId: 'ca',
          merchantAccountId: 'ma',
          lines,
          at: at(1),
        },
      };
      const later =
        i % 3 === 0
          ? [
              { type: 'OrderConfirmed', data: { ...facts, paymentId, at: at(2) } },
              {
                type: 'OrderShipped',
                data: { ...facts, paymentId, carrier: 'DHL', trackingNumber: `T${i}`, at: at(3) },
              },
            ]
          : i % 3 === 1
            ? [
                {
                  type: 'OrderCancelled',
                  data: {
                    ...facts,
                    reason: 'changed mind',
                    wasConfirmed: false,
                    paymentId: null,
                    at: at(2),
                  },
                },
              ]
            : [];
      await pipeline.store.append(`${names.category}-o-${orderId}`, [placed, ...later], {
        expectedVersion: 'no_stream',
      });
    }
  };
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline(names);
    // The live table as version 1 first made it, without placed_by: the projector's migrate
    // adds the column, and a rebuilt copy (made with it) must still compare equal.
    await pipeline.pool.query(`CREATE SCHEMA IF NOT EXISTS ${names.readSchema}`);
    await pipeline.pool.query(ORDERS_V1_AS_FIRST_SHIPPED(orders.tables.orders));
    await pipeline.startLive(orders);
    await writeOrders(30);
    await pipeline.liveCaughtUp(orders.name);
  }, 60_000);
  afterAll(() => pipeline?.close());

  it('rebuilds orders and their lines by the batch path as the handlers built them', async () => {
    const bulk = await rebuild(pipeline.deps, pipeline.view(orders), { batchSize: 25 });
    expect(bulk.path).toBe('bulk');
    expect(bulk.verification?.equal).toBe(true);
    expect(
      Object.fromEntries(bulk.verification!.tables.map((t) => [t.name, t.shadowRows])),
    ).toEqual({ orders: 30, orderLines: 60 });
    const owners = await pipeline.pool.query<{ placed_by: string | null; count: string }>(
      `SELECT placed_by, count(*) FROM ${orders.tables.orders} GROUP BY placed_by ORDER BY 1`,
    );
    expect(owners.rows.map((r) => [r.placed_by, Number(r.count)])).toEqual([
      ['user-0', 3],
      ['user-1', 3],
      ['user-2', 3],
      ['user-3', 3],
      ['user-4', 3],
      [null, 15],
    ]);
    const handlers = await rebuild(pipeline.deps, pipeline.view(orders), { forceHandlers: true });
    expect(handlers.path).toBe('handlers');
    expect(handlers.verification?.equal).toBe(true);
  }, 60_000);
});
