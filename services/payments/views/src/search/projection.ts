import { elasticsearchProjection, type SearchHandler } from '@ledgerline/projections';
import { ensureMappedFields, ensureVersionedIndex, type VersionedIndex } from '@ledgerline/search';
import { forEveryPaymentEvent, PAYMENT_EVENTS_TOPIC, paymentEvent } from '../payment-event';
import { type PaymentDocument, paymentDocument } from './payment-document';

const id = { type: 'keyword' } as const;
const money = { type: 'long' } as const;
const date = { type: 'date' } as const;

/**
 * Fields added to version 1 after it shipped: optional, so the live index takes them in place
 * (`ensureMappedFields`) and documents without them stay valid; a new copy has them from the start.
 */
const ADDED_FIELDS = { ownerId: id } as const;

/** Version 1 of the `payments` index: explicit mappings, `dynamic: strict`. */
export const paymentsIndex = (alias = 'payments'): VersionedIndex => ({
  alias,
  version: 1,
  mappings: {
    properties: {
      paymentId: id,
      orderId: id,
      payerAccountId: id,
      payeeAccountId: id,
      ...ADDED_FIELDS,
      currency: id,
      amount: money,
      // Display only (sums stay exact in `amount`). `scaled_float` lives in the mapper-extras
      // module, which the integ-test-zip distribution we run lacks.
      amountMajor: { type: 'double' },
      status: id,
      reservationId: id,
      capturedAmount: money,
      refundedAmount: money,
      failureReason: { type: 'keyword', fields: { text: { type: 'text' } } },
      createdAt: date,
      authorizedAt: date,
      capturedAt: date,
      failedAt: date,
      refundedAt: date,
      updatedAt: date,
      streamVersion: { type: 'integer' },
    },
  },
});

export interface PaymentsSearchOptions {
  /** The alias analysts query; the concrete index is `<alias>-v1`. */
  readonly alias?: string;
  readonly name?: string;
  readonly topics?: readonly string[];
}

/**
 * One document per payment (id = payment id), written whole on every event with the stream
 * version as its external version, so an older event can never overwrite a newer document.
 */
export const paymentsSearchProjection = (options: PaymentsSearchOptions = {}) =>
  elasticsearchProjection({
    name: options.name ?? 'payments.search',
    topics: options.topics ?? [PAYMENT_EVENTS_TOPIC],
    onUnknownType: 'park',
    index: options.alias ?? 'payments',
    searchIndex: paymentsIndex(options.alias ?? 'payments'),
    setup: async (client, alias) => {
      await ensureVersionedIndex(client, paymentsIndex(alias));
      await ensureMappedFields(client, alias, ADDED_FIELDS);
    },
    documentsRead: (published) => [paymentEvent(published).data.paymentId],
    handlers: forEveryPaymentEvent<SearchHandler>(async (published, context) => {
      const event = paymentEvent(published);
      const { paymentId } = event.data;
      // Read even for a payment's first event: the index may hold a document this projection
      // did not write (a rebuild into a new mapping took over the alias), and a later event of
      // the same batch must build on that document, not on one made from nothing whose write
      // external versioning then rejects.
      const current = (await context.get(paymentId)) as PaymentDocument | undefined;
      // Already there (a replay after lost checkpoints): nothing to write, nothing to build on.
      if (current && current.streamVersion >= published.streamVersion) return [];
      const document = paymentDocument(current, event, published.streamVersion);
      return [{ op: 'index', id: paymentId, document: { ...document } }];
    }),
  });
