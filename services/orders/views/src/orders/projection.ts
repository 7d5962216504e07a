import { type OrderLine } from '@ledgerline/orders-domain';
import {
  indexName,
  type PostgresHandler,
  postgresProjection,
  setClause,
  tableName,
} from '@ledgerline/projections';
import { type PoolClient } from 'pg';
import { forEveryOrderEvent, ORDER_EVENTS_TOPIC, orderEvent } from '../order-event';
import { ORDERS_BULK } from './bulk';
import { type OrderChange, orderChange, type OrderColumns } from './order-change';

export type OrdersTables = {
  /** e.g. `read_orders.orders_v1` */
  readonly orders: string;
  /** e.g. `read_orders.order_lines_v1` */
  readonly orderLines: string;
};

export const DEFAULT_ORDERS_TABLES: OrdersTables = {
  orders: 'read_orders.orders_v1',
  orderLines: 'read_orders.order_lines_v1',
};

export interface OrdersProjectionOptions {
  readonly tables: OrdersTables;
  /** Keys the runtime's checkpoints: give a rebuild into shadow tables a name of its own. */
  readonly name?: string;
  readonly topics?: readonly string[];
}

/**
 * One row per order (status, payment, shipping, a timestamp per step, the stream version of the
 * last event applied) and one row per order line, written once when the order is placed.
 */
export const ordersProjection = (options: OrdersProjectionOptions) =>
  postgresProjection({
    name: options.name ?? 'orders.orders',
    topics: options.topics ?? [ORDER_EVENTS_TOPIC],
    onUnknownType: 'park',
    tables: options.tables,
    bulk: ORDERS_BULK,
    migrate: async (client, { orders, orderLines }) => {
      for (const table of [orders, orderLines])
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${tableName(table).schema}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${orders} (
          order_id text PRIMARY KEY,
          customer_id text NOT NULL,
          merchant_id text NOT NULL,
          customer_account_id text NOT NULL,
          merchant_account_id text NOT NULL,
          currency char(3) NOT NULL,
          total_minor bigint NOT NULL,
          status text NOT NULL CHECK (status IN ('placed', 'confirmed', 'shipped', 'cancelled')),
          payment_id text,
          cancel_reason text,
          carrier text,
          tracking_number text,
          placed_at timestamptz NOT NULL,
          confirmed_at timestamptz,
          cancelled_at timestamptz,
          shipped_at timestamptz,
          updated_at timestamptz NOT NULL,
          stream_version int NOT NULL,
          placed_by text)`);
      // placed_by came after v1 shipped: tables made before get it, NULL in every existing row,
      // which is what a rebuild writes for the events of that time (they carry no placedBy). It
      // is last in CREATE TABLE too, so a fresh copy's rows read as text like the live ones do
      // (a rebuild's verification compares md5(row::text)).
      await client.query(`ALTER TABLE ${orders} ADD COLUMN IF NOT EXISTS placed_by text`);
      await client.query(
        `CREATE INDEX IF NOT EXISTS ${indexName(orders, 'customer')}
           ON ${orders} (customer_id, placed_at, order_id)`,
      );
      // A customer's own orders of a customer id: one range scan, whatever others placed.
      await client.query(
        `CREATE INDEX IF NOT EXISTS ${indexName(orders, 'placed_by')}
           ON ${orders} (placed_by, customer_id, placed_at, order_id)`,
      );
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${orderLines} (
          order_id text NOT NULL,
          line_no int NOT NULL,
          sku text NOT NULL,
          description text NOT NULL,
          quantity int NOT NULL,
          unit_price_minor bigint NOT NULL,
          line_total_minor bigint NOT NULL,
          PRIMARY KEY (order_id, line_no))`);
    },
    handlers: forEveryOrderEvent<PostgresHandler<OrdersTables>>(async (event, { client, tables }) =>
      applyChange(client, tables, orderChange(orderEvent(event)), event.streamVersion),
    ),
  });

const applyChange = async (
  client: PoolClient,
  tables: OrdersTables,
  change: OrderChange,
  streamVersion: number,
) => {
  if (change.kind === 'insert') {
    const columns = [...Object.keys(change.row), 'stream_version'];
    const values: unknown[] = [...(Object.values(change.row) as unknown[]), streamVersion];
    await client.query(
      `INSERT INTO ${tables.orders} (${columns.join(', ')})
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (order_id) DO NOTHING`,
      values,
    );
    await insertLines(client, tables.orderLines, change.row.order_id, change.lines);
    return;
  }
  // Versions only move forward: an event at or below the row's version changes nothing.
  const columns = Object.keys(change.set) as (keyof OrderColumns)[];
  const result = await client.query(
    `UPDATE ${tables.orders} SET ${setClause(columns, 3)}, stream_version = $2
      WHERE order_id = $1 AND stream_version < $2`,
    [change.orderId, streamVersion, ...columns.map((column) => change.set[column])],
  );
  if (result.rowCount === 1) return;
  const existing = await client.query(`SELECT 1 FROM ${tables.orders} WHERE order_id = $1`, [
    change.orderId,
  ]);
  if (existing.rowCount === 0)
    throw new Error(`order ${change.orderId} has no row (event v${streamVersion})`);
};

/** All lines in one statement, numbered from 1 in the order the customer gave them. */
const insertLines = async (
  client: PoolClient,
  table: string,
  orderId: string,
  lines: readonly OrderLine[],
) => {
  await client.query(
    `INSERT INTO ${table}
       (order_id, line_no, sku, description, quantity, unit_price_minor, line_total_minor)
     SELECT $1, line_no, sku, description, quantity, unit_price_minor, line_total_minor
       FROM unnest($2::text[], $3::text[], $4::int[], $5::bigint[], $6::bigint[])
            WITH ORDINALITY AS l(sku, description, quantity, unit_price_minor, line_total_minor, line_no)
     ON CONFLICT (order_id, line_no) DO NOTHING`,
    [
      orderId,
      lines.map((l) => l.sku),
      lines.map((l) => l.description),
      lines.map((l) => l.quantity),
      lines.map((l) => l.unitPriceMinor),
      lines.map((l) => l.lineTotalMinor),
    ],
  );
};
