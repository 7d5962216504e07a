import {
  indexName,
  type PostgresHandler,
  postgresProjection,
  tableName,
} from '@ledgerline/projections';
import { type PoolClient } from 'pg';
import { ACCOUNT_EVENTS_TOPIC, accountEvent, forEveryAccountEvent } from '../account-event';
import { BALANCES_BULK } from './bulk';
import { balanceChange, type BalanceUpdate, type OpenedAccountRow } from './balance-change';

export type BalancesTables = {
  /** e.g. `read_accounts.balances_v1` */
  readonly balances: string;
};

export const DEFAULT_BALANCES_TABLES: BalancesTables = { balances: 'read_accounts.balances_v1' };

export interface AccountBalancesOptions {
  readonly tables: BalancesTables;
  /** Keys the runtime's checkpoints: give a rebuild into shadow tables a name of its own. */
  readonly name?: string;
  readonly topics?: readonly string[];
}

/**
 * One row per account: balance, reserved and available (balance − reserved, a generated column)
 * copied from the balances each money event carries, the status, and the stream version of the
 * last event applied (what a consistency token is compared with).
 */
export const accountBalancesProjection = (options: AccountBalancesOptions) =>
  postgresProjection({
    name: options.name ?? 'accounts.balances',
    topics: options.topics ?? [ACCOUNT_EVENTS_TOPIC],
    // A new account event type may move money: block the stream until the view knows it.
    onUnknownType: 'park',
    tables: options.tables,
    bulk: BALANCES_BULK,
    migrate: async (client, { balances }) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${tableName(balances).schema}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${balances} (
          account_id text PRIMARY KEY,
          owner_id text NOT NULL,
          kind text NOT NULL,
          currency char(3) NOT NULL,
          balance bigint NOT NULL,
          reserved bigint NOT NULL,
          available bigint GENERATED ALWAYS AS (balance - reserved) STORED,
          status text NOT NULL CHECK (status IN ('open', 'frozen', 'closed')),
          frozen_reason text,
          stream_version int NOT NULL,
          opened_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL)`);
      await client.query(
        `CREATE INDEX IF NOT EXISTS ${indexName(balances, 'owner')} ON ${balances} (owner_id, account_id)`,
      );
      // The account directory lists by status (e.g. every frozen account) in account id order.
      await client.query(
        `CREATE INDEX IF NOT EXISTS ${indexName(balances, 'status')} ON ${balances} (status, account_id)`,
      );
    },
    handlers: forEveryAccountEvent<PostgresHandler<BalancesTables>>(
      async (event, { client, tables }) => {
        const change = balanceChange(accountEvent(event), event.streamVersion);
        if (change.kind === 'insert') await insertAccount(client, tables.balances, change.row);
        else await updateAccount(client, tables.balances, change.update, event.streamVersion);
      },
    ),
  });

const insertAccount = async (client: PoolClient, table: string, row: OpenedAccountRow) => {
  await client.query(
    `INSERT INTO ${table} (account_id, owner_id, kind, currency, balance, reserved, status,
                           stream_version, opened_at, updated_at)
     VALUES ($1, $2, $3, $4, 0, 0, 'open', $5, $6, $6)
     ON CONFLICT (account_id) DO NOTHING`,
    [row.accountId, row.ownerId, row.kind, row.currency, row.streamVersion, row.at],
  );
};

/**
 * Versions only move forward: an event at or below the row's version changes nothing (the
 * runtime already filters those; this keeps the table safe if its checkpoints are lost). An
 * event for an account the view has never seen is poison: thrown, so the runtime parks it.
 */
const updateAccount = async (
  client: PoolClient,
  table: string,
  update: BalanceUpdate,
  streamVersion: number,
) => {
  const result = await client.query(
    `UPDATE ${table}
        SET balance = COALESCE($3, balance),
            reserved = COALESCE($4, reserved),
            status = COALESCE($5, status),
            frozen_reason = CASE WHEN $5::text IS NULL THEN frozen_reason ELSE $6 END,
            stream_version = $2,
            updated_at = $7
      WHERE account_id = $1 AND stream_version < $2`,
    [
      update.accountId,
      streamVersion,
      update.balance ?? null,
      update.reserved ?? null,
      update.status?.value ?? null,
      update.status?.frozenReason ?? null,
      update.at,
    ],
  );
  if (result.rowCount === 1) return;
  const existing = await client.query(`SELECT 1 FROM ${table} WHERE account_id = $1`, [
    update.accountId,
  ]);
  if (existing.rowCount === 0)
    throw new Error(`account ${update.accountId} has no balance row (event v${streamVersion})`);
};
