import type { AccountEvent } from '../events';
import { type ExternalAccountKind, movementOf } from './movement';

/** An account as the ledger fold holds it: its balances computed from amounts, not copied. */
export interface LedgerAccount {
  readonly accountId: string;
  readonly currency: string;
  readonly balance: number;
  readonly reserved: number;
  /** The stream version of the last event folded. */
  readonly version: number;
  /** The sum of its captured reservations (what its captured payments must add up to). */
  readonly captured: number;
  /** The last event folded, named when a view of the account differs. */
  readonly lastEvent: EventFacts;
}

export interface ExternalAccount {
  readonly kind: ExternalAccountKind;
  readonly currency: string;
  readonly balance: number;
}

/** Where an event sits in the store: named in a finding, so an operator can look it up. */
export interface EventFacts {
  readonly eventId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
}

export type LedgerBreakKind =
  'no-opening' | 'version-gap' | 'currency-mismatch' | 'recorded-balance';

/** An event whose own record disagrees with the ledger folded before it. */
export interface LedgerBreak extends EventFacts {
  readonly kind: LedgerBreakKind;
  readonly accountId: string;
  readonly type: string;
  readonly detail: string;
}

export interface CurrencySum {
  readonly currency: string;
  /** Σ of the platform's accounts' balances. */
  readonly accounts: number;
  /** Σ of the external accounts of the currency: always the negative of `accounts` if sound. */
  readonly external: number;
  readonly total: number;
}

/** Only the three facts, whatever richer record (a stored event) the caller passes. */
const factsOf = ({ eventId, streamVersion, globalPosition }: EventFacts): EventFacts => ({
  eventId,
  streamVersion,
  globalPosition,
});

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Folds account events, in the store's order, into a double-entry ledger: every balance change of
 * an account is posted against an external account of its currency, so the balances of all
 * accounts plus the external ones sum to zero after every event. Each money event's recorded
 * balances are checked against the sum of the amounts before it.
 *
 * An accumulator rather than an immutable `evolve`: it folds millions of events and copying a
 * map per event would make that quadratic. It still does no I/O and reads no clock.
 */
export class LedgerFold {
  private readonly byId = new Map<string, Mutable<LedgerAccount>>();
  private readonly external = new Map<string, Mutable<ExternalAccount>>();
  private folded = 0;
  private broken = 0;
  private first: LedgerBreak | null = null;

  get events(): number {
    return this.folded;
  }

  /** How many events disagreed with the ledger, and the first of them. */
  get breaks(): { readonly count: number; readonly first: LedgerBreak | null } {
    return { count: this.broken, first: this.first };
  }

  account(accountId: string): LedgerAccount | undefined {
    return this.byId.get(accountId);
  }

  accounts(): IterableIterator<LedgerAccount> {
    return this.byId.values();
  }

  get accountCount(): number {
    return this.byId.size;
  }

  externalAccounts(): ExternalAccount[] {
    return [...this.external.values()]
      .map((a) => ({ ...a }))
      .sort((a, b) => (a.currency + a.kind < b.currency + b.kind ? -1 : 1));
  }

  apply(event: AccountEvent, facts: EventFacts): void {
    this.folded += 1;
    const { accountId } = event.data;
    if (event.type === 'AccountOpened') {
      if (this.byId.has(accountId))
        return this.break('version-gap', event, facts, 'opened a second time');
      if (facts.streamVersion !== 1)
        this.break('version-gap', event, facts, `opened at v${facts.streamVersion}, not v1`);
      const { currency } = event.data;
      this.byId.set(accountId, {
        ...{ accountId, currency, balance: 0, reserved: 0 },
        ...{ version: facts.streamVersion, captured: 0, lastEvent: factsOf(facts) },
      });
      return;
    }
    const account = this.byId.get(accountId);
    if (!account) return this.break('no-opening', event, facts, 'no AccountOpened before it');
    if (facts.streamVersion !== account.version + 1)
      this.break('version-gap', event, facts, `follows v${account.version}`);
    account.version = facts.streamVersion;
    account.lastEvent = factsOf(facts);
    const movement = movementOf(event);
    if ('currency' in event.data && event.data.currency !== account.currency)
      this.break(
        'currency-mismatch',
        event,
        facts,
        `${event.data.currency} on a ${account.currency} account`,
      );
    account.balance += movement.balanceChange;
    account.reserved += movement.reservedChange;
    account.captured += movement.captured;
    if (movement.counterpart) {
      const key = `${movement.counterpart}:${account.currency}`;
      const external = this.external.get(key) ?? {
        kind: movement.counterpart,
        currency: account.currency,
        balance: 0,
      };
      external.balance -= movement.balanceChange;
      this.external.set(key, external);
    }
    const recorded = movement.recorded;
    if (
      recorded &&
      (recorded.balance !== account.balance || recorded.reserved !== account.reserved)
    )
      this.break(
        'recorded-balance',
        event,
        facts,
        `records balance ${recorded.balance}/reserved ${recorded.reserved}, ` +
          `the amounts before it give ${account.balance}/${account.reserved}`,
      );
  }

  /** Per currency, the accounts' balances against the external accounts': zero when sound. */
  zeroSums(): CurrencySum[] {
    const sums = new Map<string, Mutable<CurrencySum>>();
    const sumOf = (currency: string) => {
      const existing = sums.get(currency);
      if (existing) return existing;
      const created = { currency, accounts: 0, external: 0, total: 0 };
      sums.set(currency, created);
      return created;
    };
    for (const account of this.byId.values()) sumOf(account.currency).accounts += account.balance;
    for (const external of this.external.values())
      sumOf(external.currency).external += external.balance;
    return [...sums.values()]
      .map((s) => ({ ...s, total: s.accounts + s.external }))
      .sort((a, b) => (a.currency < b.currency ? -1 : 1));
  }

  private break(
    kind: LedgerBreakKind,
    event: AccountEvent,
    facts: EventFacts,
    detail: string,
  ): void {
    this.broken += 1;
    this.first ??= {
      ...{ kind, accountId: event.data.accountId, type: event.type, detail },
      ...factsOf(facts),
    };
  }
}
