import {
  ACCOUNT_STATE_VERSION,
  type AccountCommand,
  type AccountEvent,
  type AccountState,
  accountDecider,
} from '@ledgerline/accounts-domain';
import { runCommand, type RunCommandOptions } from '@ledgerline/command-service';
import { type EventStorePort } from '@ledgerline/event-store';
import { type Logger } from '@ledgerline/logging';

type AccountCommandOptions = Omit<
  RunCommandOptions<AccountCommand, AccountState, AccountEvent>,
  'store' | 'decider' | 'snapshotEvery' | 'snapshotStateVersion' | 'onSnapshotError'
>;

/**
 * How every account command is run, whoever sends it (the RPCs, the expiry worker): the account
 * decider on `store`, snapshotting an account's state every `snapshotEvery` events (0: never), so
 * loading an old account reads its latest snapshot and only the events after it.
 */
export const accountCommands =
  ({
    store,
    logger,
    snapshotEvery,
  }: {
    store: EventStorePort;
    logger: Logger;
    snapshotEvery: number;
  }) =>
  (options: AccountCommandOptions) =>
    runCommand({
      ...options,
      store,
      decider: accountDecider,
      ...(snapshotEvery > 0 && {
        snapshotEvery,
        snapshotStateVersion: ACCOUNT_STATE_VERSION,
        onSnapshotError: (error: unknown) =>
          logger.warn({ err: error, streamId: options.streamId }, 'account snapshot not saved'),
      }),
    });

export type AccountCommands = ReturnType<typeof accountCommands>;
