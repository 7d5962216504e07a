import { type ConsumedBatch, endWith, linkToTraceparent } from '@ledgerline/messaging';
import { SpanKind, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('@ledgerline/projections');
/** Links beyond this add little to a trace view (the SDK keeps 128 by default). */
const MAX_BATCH_LINKS = 128;

/**
 * A span per batch attempt: a root of its own (a batch merges events of many commands), linked
 * to each event's publish span. Each event's apply span (applyDeliveries) is a child in the
 * event's own trace and links back here; the sink's flush (the Elasticsearch bulk) is a child.
 */
export const inBatchSpan = <T>(
  projection: string,
  batch: ConsumedBatch,
  work: () => Promise<T>,
): Promise<T> =>
  tracer.startActiveSpan(
    `project ${projection}`,
    {
      kind: SpanKind.CONSUMER,
      root: true,
      links: batch.messages
        .slice(0, MAX_BATCH_LINKS)
        .map((message) => linkToTraceparent(message.headers['traceparent']))
        .filter((link) => link !== undefined),
      attributes: {
        'ledgerline.projection': projection,
        'messaging.system': 'kafka',
        'messaging.destination.name': batch.topic,
        'messaging.destination.partition.id': String(batch.partition),
        'messaging.batch.message_count': batch.messages.length,
      },
    },
    (span) => endWith(span, work),
  );
