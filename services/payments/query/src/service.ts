import { PAYMENT_STREAM_CATEGORY, paymentUpcasters } from '@ledgerline/payments-domain';
import { paymentsProjection, paymentsSearchProjection } from '@ledgerline/payments-views';
import { defineView, type QueryServiceDefinition } from '@ledgerline/query-service';
import { paymentQueryService } from './query/handlers';

export interface PaymentsQueryOptions {
  /** Schema of the view's tables and of the projection runtime. Default `read_payments`. */
  readonly readSchema?: string;
  /** The event store schema the payments command service writes. Default `payments`. */
  readonly sourceSchema?: string;
  /** Prefix of the projection names (checkpoints, consumer groups). Default `payments`. */
  readonly projectionPrefix?: string;
  /** The Elasticsearch alias of the search view (index `<alias>-v1`). Default `payments`. */
  readonly searchAlias?: string;
  /** Redis namespace of the payments cache. Default `payments-v2` (v2: values carry ownerId). */
  readonly cacheNamespace?: string;
  readonly projector?: QueryServiceDefinition['projector'];
}

/**
 * The payments query service: the payments view (cached per payment in Redis) and the
 * `payments` search index, fed from the payments event store, served by PaymentQueryService.
 * Tests pass fresh schemas and names; production takes the defaults.
 */
export const paymentsQuery = ({
  readSchema = 'read_payments',
  sourceSchema = 'payments',
  projectionPrefix = 'payments',
  searchAlias = 'payments',
  cacheNamespace = 'payments-v2',
  projector,
}: PaymentsQueryOptions = {}): QueryServiceDefinition => {
  const payments = paymentsProjection({
    name: `${projectionPrefix}.payments`,
    tables: { payments: `${readSchema}.payments_v1` },
  });
  const search = paymentsSearchProjection({
    name: `${projectionPrefix}.search`,
    alias: searchAlias,
  });
  return {
    name: 'payments-query',
    schema: readSchema,
    sources: [
      {
        schema: sourceSchema,
        categories: [PAYMENT_STREAM_CATEGORY],
        upcasters: paymentUpcasters,
      },
    ],
    views: [defineView(payments, { namespace: cacheNamespace }), defineView(search)],
    ...(projector && { projector }),
    services: (context) => [
      paymentQueryService(context, {
        payments: { projection: payments.name, tables: payments.tables, cacheNamespace },
        search: { projection: search.name, index: search.index },
      }),
    ],
  };
};
