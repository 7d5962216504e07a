import { type PostgresHandler, postgresProjection, tableName } from '@ledgerline/projections';
import { ACCOUNT_EVENTS_TOPIC, accountEvent, forEveryAccountEvent } from '../account-event';
import { HISTORY_BULK } from './bulk';
import { transactionRow } from './transaction-row';

export type HistoryTables = {
  /** e.g. `read_accounts.transactions_v1` */
  readonly transactions: string;
  /**
   * e.g. `read_accounts.history_heads_v1`: per account, the stream version the history has
   * applied, every event counted (money or not), for consistency tokens.
   */
  readonly heads: string;
};

export const DEFAULT_HISTORY_TABLES: HistoryTables = {
  transactions: 'read_accounts.transactions_v1',
  heads: 'read_accounts.history_heads_v1',
};

export interface TransactionHistoryOptions {
  readonly tables: HistoryTables;
  /** Keys the runtime's checkpoints: give a rebuild into shadow tables a name of its own. */
  readonly name?: string;
  readonly topics?: readonly string[];
}

/**
 * One row per money event of an account, keyed (account_id, stream_version): the primary key is
 * also the index newest-first keyset paging walks, and makes a replayed event a no-op. Beside it,
 * one head row per account with the stream version of the last event applied, money or not.
 */
export const transactionHistoryProjection = (options: TransactionHistoryOptions) =>
  postgresProjection({
    name: options.name ?? 'accounts.transaction-history',
    topics: options.topics ?? [ACCOUNT_EVENTS_TOPIC],
    onUnknownType: 'park',
    tables: options.tables,
    bulk: HISTORY_BULK,
    migrate: async (client, { transactions, heads }) => {
      for (const table of [transactions, heads])
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${tableName(table).schema}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${heads} (
          account_id text PRIMARY KEY,
          stream_version int NOT NULL)`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${transactions} (
          account_id text NOT NULL,
          stream_version int NOT NULL,
          event_id text NOT NULL UNIQUE,
          type text NOT NULL,
          amount bigint NOT NULL,
          reserved_change bigint NOT NULL,
          balance_after bigint NOT NULL,
          reserved_after bigint NOT NULL,
          currency char(3) NOT NULL,
          reference text,
          reservation_id text,
          at timestamptz NOT NULL,
          PRIMARY KEY (account_id, stream_version))`);
    },
    handlers: forEveryAccountEvent<PostgresHandler<HistoryTables>>(
      async (event, { client, tables }) => {
        const account = accountEvent(event);
        await client.query(
          `INSERT INTO ${tables.heads} AS h (account_id, stream_version) VALUES ($1, $2)
           ON CONFLICT (account_id) DO UPDATE SET stream_version = EXCLUDED.stream_version
            WHERE h.stream_version < EXCLUDED.stream_version`,
          [account.data.accountId, event.streamVersion],
        );
        const row = transactionRow(account, event);
        if (!row) return;
        await client.query(
          `INSERT INTO ${tables.transactions}
           (account_id, stream_version, event_id, type, amount, reserved_change, balance_after,
            reserved_after, currency, reference, reservation_id, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (account_id, stream_version) DO NOTHING`,
          [
            row.accountId,
            row.streamVersion,
            row.eventId,
            row.type,
            row.amount,
            row.reservedChange,
            row.balanceAfter,
            row.reservedAfter,
            row.currency,
            row.reference,
            row.reservationId,
            row.at,
          ],
        );
      },
    ),
  });
