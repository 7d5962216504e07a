import { type CommandServiceDefinition } from '@ledgerline/command-service';
import { ACCOUNT_STREAM_CATEGORY, accountPrivacyCatalog } from '@ledgerline/accounts-domain';
import { accountCommandService } from './command/account-command-service';
import { accountsMigrations } from './command/reservation-ids';

export interface AccountsServiceOptions {
  /** The event store schema; tests and benchmarks pass a fresh one to stay isolated. */
  readonly schema?: string;
}

/** The accounts command service: its schema, the categories its relay publishes, its gRPC API. */
export const accountsService = ({
  schema = 'accounts',
}: AccountsServiceOptions = {}): CommandServiceDefinition => ({
  name: 'accounts',
  schema,
  categories: [ACCOUNT_STREAM_CATEGORY],
  privacy: accountPrivacyCatalog,
  migrations: accountsMigrations,
  services: ({ store, logger }) => [accountCommandService({ store, logger })],
});
