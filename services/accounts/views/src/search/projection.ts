import { elasticsearchProjection, type SearchHandler } from '@ledgerline/projections';
import { type PublishedEvent } from '@ledgerline/relay';
import { ensureVersionedIndex, type VersionedIndex } from '@ledgerline/search';
import { ACCOUNT_EVENTS_TOPIC, accountEvent, forEveryAccountEvent } from '../account-event';
import { type BalanceChange, balanceChange } from '../balances/balance-change';
import { type AccountDocument, accountDocument } from './account-document';

const id = { type: 'keyword' } as const;
const money = { type: 'long' } as const;
const date = { type: 'date' } as const;

/** Version 1 of the `accounts` index: explicit mappings, `dynamic: strict`. */
export const accountsIndex = (alias = 'accounts'): VersionedIndex => ({
  alias,
  version: 1,
  mappings: {
    properties: {
      accountId: id,
      ownerId: id,
      kind: id,
      currency: id,
      status: id,
      frozenReason: { type: 'keyword', fields: { text: { type: 'text' } } },
      balanceMinor: money,
      reservedMinor: money,
      availableMinor: money,
      openedAt: date,
      updatedAt: date,
      streamVersion: { type: 'integer' },
    },
  },
});

export interface AccountsSearchOptions {
  /** The alias analysts query; the concrete index is `<alias>-v1`. */
  readonly alias?: string;
  readonly name?: string;
  readonly topics?: readonly string[];
}

const balanceChangeOf = (published: PublishedEvent) =>
  balanceChange(accountEvent(published), published.streamVersion);

/** The account whose document a change builds on: the one it inserts or updates. */
const accountIdOf = (change: BalanceChange): string =>
  change.kind === 'insert' ? change.row.accountId : change.update.accountId;

/**
 * One document per account (id = account id), written whole on every event with the stream
 * version as its external version, so an older event can never overwrite a newer document.
 */
export const accountsSearchProjection = (options: AccountsSearchOptions = {}) =>
  elasticsearchProjection({
    name: options.name ?? 'accounts.search',
    topics: options.topics ?? [ACCOUNT_EVENTS_TOPIC],
    // A new account event type may move money: block the stream until the index knows it.
    onUnknownType: 'park',
    index: options.alias ?? 'accounts',
    searchIndex: accountsIndex(options.alias ?? 'accounts'),
    setup: async (client, alias) => {
      await ensureVersionedIndex(client, accountsIndex(alias));
    },
    documentsRead: (published) => [accountIdOf(balanceChangeOf(published))],
    handlers: forEveryAccountEvent<SearchHandler>(async (published, context) => {
      const change = balanceChangeOf(published);
      const accountId = accountIdOf(change);
      const current = (await context.get(accountId)) as AccountDocument | undefined;
      // Already there (a replay after lost checkpoints): nothing to write, nothing to build on.
      if (current && current.streamVersion >= published.streamVersion) return [];
      const document = accountDocument(current, change, published.streamVersion);
      return [{ op: 'index', id: accountId, document: { ...document } }];
    }),
  });
