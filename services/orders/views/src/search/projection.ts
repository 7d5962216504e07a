import { elasticsearchProjection, type SearchHandler } from '@ledgerline/projections';
import { ensureMappedFields, ensureVersionedIndex, type VersionedIndex } from '@ledgerline/search';
import { forEveryOrderEvent, ORDER_EVENTS_TOPIC, orderEvent } from '../order-event';
import { type OrderDocument, orderDocument } from './order-document';

const id = { type: 'keyword' } as const;
const money = { type: 'long' } as const;
const date = { type: 'date' } as const;

/**
 * Fields added to version 1 after it shipped: optional, so the live index takes them in place
 * (`ensureMappedFields`) and documents without them stay valid; a new copy has them from the start.
 */
const ADDED_FIELDS = { placedBy: id } as const;

/** Version 1 of the `orders` index: explicit mappings, `dynamic: strict`. */
export const ordersIndex = (alias = 'orders'): VersionedIndex => ({
  alias,
  version: 1,
  mappings: {
    properties: {
      orderId: id,
      customerId: id,
      merchantId: id,
      customerAccountId: id,
      merchantAccountId: id,
      currency: id,
      totalMinor: money,
      // Display only (sums stay exact in `totalMinor`). `scaled_float` lives in the
      // mapper-extras module, which the integ-test-zip distribution we run lacks.
      totalMajor: { type: 'double' },
      status: id,
      paymentId: id,
      ...ADDED_FIELDS,
      cancelReason: { type: 'keyword', fields: { text: { type: 'text' } } },
      carrier: id,
      trackingNumber: id,
      placedAt: date,
      confirmedAt: date,
      cancelledAt: date,
      shippedAt: date,
      updatedAt: date,
      streamVersion: { type: 'integer' },
      lineCount: { type: 'integer' },
      // An object array (not nested): each field is searchable across the order's lines.
      lines: {
        properties: {
          sku: id,
          description: { type: 'text', fields: { raw: { type: 'keyword', ignore_above: 512 } } },
          quantity: { type: 'integer' },
          unitPriceMinor: money,
          lineTotalMinor: money,
        },
      },
    },
  },
});

export interface OrdersSearchOptions {
  /** The alias analysts query; the concrete index is `<alias>-v1`. */
  readonly alias?: string;
  readonly name?: string;
  readonly topics?: readonly string[];
}

/**
 * One document per order (id = order id), written whole on every event with the stream version
 * as its external version, so an older event can never overwrite a newer document.
 */
export const ordersSearchProjection = (options: OrdersSearchOptions = {}) =>
  elasticsearchProjection({
    name: options.name ?? 'orders.search',
    topics: options.topics ?? [ORDER_EVENTS_TOPIC],
    onUnknownType: 'park',
    index: options.alias ?? 'orders',
    searchIndex: ordersIndex(options.alias ?? 'orders'),
    setup: async (client, alias) => {
      await ensureVersionedIndex(client, ordersIndex(alias));
      await ensureMappedFields(client, alias, ADDED_FIELDS);
    },
    documentsRead: (published) => [orderEvent(published).data.orderId],
    handlers: forEveryOrderEvent<SearchHandler>(async (published, context) => {
      const event = orderEvent(published);
      const { orderId } = event.data;
      const current = (await context.get(orderId)) as OrderDocument | undefined;
      // Already there (a replay after lost checkpoints): nothing to write, nothing to build on.
      if (current && current.streamVersion >= published.streamVersion) return [];
      const document = orderDocument(current, event, published.streamVersion);
      return [{ op: 'index', id: orderId, document: { ...document } }];
    }),
  });
