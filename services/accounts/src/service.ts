import { type CommandServiceDefinition } from '@ledgerline/command-service';
import { ACCOUNT_STREAM_CATEGORY, accountPrivacyCatalog } from '@ledgerline/accounts-domain';
import { loadConfig } from '@ledgerline/config';
import { type PostgresEventStore } from '@ledgerline/event-store';
import { type Logger } from '@ledgerline/logging';
import { accountCommands } from './command/account-commands';
import { accountCommandService } from './command/account-command-service';
import { accountsMigrations } from './command/reservation-ids';
import { reservationDeadlinesMigration } from './expiry/deadlines';
import { expireDueReservation } from './expiry/expire-command';
import { startExpiryWorker } from './expiry/expiry-worker';
import { accountsSettings, type AccountsSettings } from './settings';

export interface AccountsServiceOptions {
  /** The event store schema; tests and benchmarks pass a fresh one to stay isolated. */
  readonly schema?: string;
  /** The accounts' own settings (settings.ts); each defaults when absent. */
  readonly settings?: Partial<AccountsSettings>;
}

const defaultSettings = (): AccountsSettings => loadConfig(accountsSettings, {});

/**
 * The accounts command service: its schema, the categories its relay publishes, its gRPC API and
 * the worker that releases expired reservations.
 */
export const accountsService = ({
  schema = 'accounts',
  settings: given = {},
}: AccountsServiceOptions = {}): CommandServiceDefinition => {
  const settings = { ...defaultSettings(), ...given };
  const commandsOn = (store: PostgresEventStore, logger: Logger) =>
    accountCommands({ store, logger, snapshotEvery: settings.ACCOUNT_SNAPSHOT_EVERY });
  return {
    name: 'accounts',
    schema,
    categories: [ACCOUNT_STREAM_CATEGORY],
    privacy: accountPrivacyCatalog,
    migrations: [...accountsMigrations, reservationDeadlinesMigration],
    services: ({ store, logger }) => [
      accountCommandService({
        store,
        logger,
        run: commandsOn(store, logger),
        reservationTtlMs: settings.RESERVATION_TTL_MS,
      }),
    ],
    workers: ({ store, pool, logger }) => [
      startExpiryWorker({
        pool,
        schema,
        logger,
        intervalMs: settings.RESERVATION_EXPIRY_INTERVAL_MS,
        batchSize: settings.RESERVATION_EXPIRY_BATCH,
        expire: expireDueReservation(commandsOn(store, logger)),
      }),
    ],
  };
};
