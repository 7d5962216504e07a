import {
  indexName,
  type PostgresHandler,
  postgresProjection,
  setClause,
  tableName,
} from '@ledgerline/projections';
import { type PoolClient } from 'pg';
import { PAYMENTS_BULK } from './bulk';
import { forEveryPaymentEvent, PAYMENT_EVENTS_TOPIC, paymentEvent } from '../payment-event';
import { type PaymentChange, paymentChange, type PaymentColumns } from './payment-change';

export type PaymentsTables = {
  /** e.g. `read_payments.payments_v1` */
  readonly payments: string;
};

export const DEFAULT_PAYMENTS_TABLES: PaymentsTables = { payments: 'read_payments.payments_v1' };

export interface PaymentsProjectionOptions {
  readonly tables: PaymentsTables;
  /** Keys the runtime's checkpoints: give a rebuild into shadow tables a name of its own. */
  readonly name?: string;
  readonly topics?: readonly string[];
}

/**
 * One row per payment with everything the events told: parties, amount, status, captured and
 * refunded amounts, failure reason, a timestamp per step, and the stream version of the last event
 * applied. Indexed for the list filters, each index ending in the keyset (created_at, payment_id).
 */
export const paymentsProjection = (options: PaymentsProjectionOptions) =>
  postgresProjection({
    name: options.name ?? 'payments.payments',
    topics: options.topics ?? [PAYMENT_EVENTS_TOPIC],
    onUnknownType: 'park',
    tables: options.tables,
    bulk: PAYMENTS_BULK,
    migrate: async (client, { payments }) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${tableName(payments).schema}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${payments} (
          payment_id text PRIMARY KEY,
          order_id text NOT NULL,
          payer_account_id text NOT NULL,
          payee_account_id text NOT NULL,
          amount bigint NOT NULL,
          currency char(3) NOT NULL,
          status text NOT NULL CHECK (status IN
            ('created', 'authorized', 'captured', 'partially_refunded', 'refunded', 'failed')),
          reservation_id text,
          captured_amount bigint NOT NULL,
          refunded_amount bigint NOT NULL,
          failure_reason text,
          created_at timestamptz NOT NULL,
          authorized_at timestamptz,
          captured_at timestamptz,
          failed_at timestamptz,
          refunded_at timestamptz,
          updated_at timestamptz NOT NULL,
          stream_version int NOT NULL,
          owner_id text)`);
      // owner_id came after v1 shipped: tables made before get it, NULL in every existing row,
      // which is what a rebuild writes for the events of that time (they carry no ownerId). It
      // is last in CREATE TABLE too, so a fresh copy's rows read as text like the live ones do
      // (a rebuild's verification compares md5(row::text)).
      await client.query(`ALTER TABLE ${payments} ADD COLUMN IF NOT EXISTS owner_id text`);
      for (const [suffix, columns] of [
        ['created', 'created_at, payment_id'],
        ['payer', 'payer_account_id, created_at, payment_id'],
        ['payee', 'payee_account_id, created_at, payment_id'],
        ['status', 'status, created_at, payment_id'],
        // A customer's own payments: the owner leads, then the keyset.
        ['owner', 'owner_id, created_at, payment_id'],
      ])
        await client.query(
          `CREATE INDEX IF NOT EXISTS ${indexName(payments, suffix!)} ON ${payments} (${columns!})`,
        );
    },
    handlers: forEveryPaymentEvent<PostgresHandler<PaymentsTables>>(
      async (event, { client, tables }) =>
        applyChange(
          client,
          tables.payments,
          paymentChange(paymentEvent(event)),
          event.streamVersion,
        ),
    ),
  });

const applyChange = async (
  client: PoolClient,
  table: string,
  change: PaymentChange,
  streamVersion: number,
) => {
  if (change.kind === 'insert') {
    const columns = [...Object.keys(change.row), 'stream_version'];
    const values: unknown[] = [...(Object.values(change.row) as unknown[]), streamVersion];
    await client.query(
      `INSERT INTO ${table} (${columns.join(', ')})
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (payment_id) DO NOTHING`,
      values,
    );
    return;
  }
  // Versions only move forward: an event at or below the row's version changes nothing.
  const columns = Object.keys(change.set) as (keyof PaymentColumns)[];
  const result = await client.query(
    `UPDATE ${table} SET ${setClause(columns, 3)}, stream_version = $2
      WHERE payment_id = $1 AND stream_version < $2`,
    [change.paymentId, streamVersion, ...columns.map((column) => change.set[column])],
  );
  if (result.rowCount === 1) return;
  const existing = await client.query(`SELECT 1 FROM ${table} WHERE payment_id = $1`, [
    change.paymentId,
  ]);
  if (existing.rowCount === 0)
    throw new Error(`payment ${change.paymentId} has no row (event v${streamVersion})`);
};
