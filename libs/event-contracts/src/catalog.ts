import { ACCOUNT_STREAM_CATEGORY } from '@ledgerline/accounts-domain';
import { ORDER_STREAM_CATEGORY } from '@ledgerline/orders-domain';
import { PAYMENT_STREAM_CATEGORY, paymentUpcasters } from '@ledgerline/payments-domain';
import { type Upcasters } from '@ledgerline/event-store';

/** One published topic: a stream category, the service whose relay publishes it, its events. */
export interface CategoryContract {
  readonly category: string;
  /** The CloudEvents `source` its relay sets: `ledgerline/<command service name>`. */
  readonly source: string;
  /** The domain file declaring the category's event union, from the repository root. */
  readonly eventsFile: string;
  /** The union of the category's events; its members are the published event types. */
  readonly unionType: string;
  /** The command service's upcasters: a type's current schema version is its chain length + 1. */
  readonly upcasters: Upcasters;
}

/**
 * Every category the platform publishes. A category added here gets schemas and an AsyncAPI
 * channel on the next `node tools/event-schemas.mjs`; an event added to a union gets its schema.
 */
export const CATALOG: readonly CategoryContract[] = [
  {
    category: ACCOUNT_STREAM_CATEGORY,
    source: 'ledgerline/accounts',
    eventsFile: 'services/accounts/domain/src/events.ts',
    unionType: 'AccountEvent',
    upcasters: {},
  },
  {
    category: PAYMENT_STREAM_CATEGORY,
    source: 'ledgerline/payments',
    eventsFile: 'services/payments/domain/src/events.ts',
    unionType: 'PaymentEvent',
    upcasters: paymentUpcasters,
  },
  {
    category: ORDER_STREAM_CATEGORY,
    source: 'ledgerline/orders',
    eventsFile: 'services/orders/domain/src/events.ts',
    unionType: 'OrderEvent',
    upcasters: {},
  },
];

/**
 * Every published type's upcasters in one table (event types are unique across categories), for
 * tools that read any store and must show or republish events as the relays publish them.
 */
export const PUBLISHED_UPCASTERS: Upcasters = Object.assign(
  {},
  ...CATALOG.map((contract) => contract.upcasters),
) as Upcasters;
