import { elasticsearchProjection, type SearchHandler } from '@ledgerline/projections';
import { ensureVersionedIndex, type VersionedIndex } from '@ledgerline/search';
import { ACCOUNT_EVENTS_TOPIC, accountEvent, forEveryAccountEvent } from '../account-event';
import { balanceChange } from '../balances/balance-change';
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
    documentsRead: (published) => {
      const change = balanceChange(accountEvent(published), published.streamVersion);
      return [change.kind === 'insert' ? change.row.accountId : change.update.accountId];
    },
    handlers: forEveryAccountEvent<SearchHandler>(async (published, context) => {
      const change = balanceChange(accountEvent(published), published.streamVersion);
      const accountId = change.kind === 'insert' ? change.row.accountId : change.update.accountId;
      const current = (await context.get(accountId)) as AccountDocument | undefined;
      // Already there (a replay after lost checkpoints): nothing to write, nothing to build on.
      if (current && current.streamVersion >= published.streamVersion) return [];
      const document = accountDocument(current, change, published.streamVersion);
      return [{ op: 'index', id: accountId, document: { ...document } }];
    }),
  });
