import { context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextOfTraceparent, messagingTracer, traceparentOf } from '../trace-context';

interface TracedMessage {
  readonly key: string;
  headers: Record<string, string | Buffer>;
}

/**
 * A PRODUCER span per message. A message that carries a `traceparent` (an event recorded by a
 * traced command) gets a span in that trace, as the stored span's child, linked to the span that
 * was active (the relay's batch, which merges events of many traces); its header then names the
 * publish span, so consumers continue from it. A message without one gets a child of the active
 * span, if any. With tracing off the spans record nothing and the header stays what it was.
 *
 * This is why the kafkajs instrumentation is not used: its producer span takes the active
 * context as parent and injects itself into the same headers, overwriting the stored traceparent
 * (one active context for a whole batch of events from different traces).
 */
export const publishSpans = (
  batches: readonly { topic: string; messages: readonly TracedMessage[] }[],
) => {
  const active = context.active();
  const batchSpan = trace.getSpanContext(active);
  const spans: Span[] = [];
  for (const { topic, messages } of batches) {
    for (const message of messages) {
      const stored = message.headers['traceparent'];
      const traceparent = typeof stored === 'string' ? stored : stored?.toString();
      // Nothing to continue: no span per message of an untraced publisher.
      if (traceparent === undefined && batchSpan === undefined) continue;
      const parent = traceparent === undefined ? active : contextOfTraceparent(traceparent, active);
      const span = messagingTracer().startSpan(
        `publish ${topic}`,
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            'messaging.system': 'kafka',
            'messaging.operation.type': 'send',
            'messaging.destination.name': topic,
            'messaging.kafka.message.key': message.key,
          },
          ...(batchSpan && traceparent !== undefined ? { links: [{ context: batchSpan }] } : {}),
        },
        parent,
      );
      const own = traceparentOf(trace.setSpan(parent, span));
      if (own !== undefined) message.headers['traceparent'] = own;
      spans.push(span);
    }
  }
  return {
    /** Ends every span with the send's outcome. */
    async around(send: () => Promise<unknown>): Promise<void> {
      try {
        await send();
      } catch (error) {
        for (const span of spans) {
          span.recordException(error instanceof Error ? error : String(error));
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        throw error;
      } finally {
        for (const span of spans) span.end();
      }
    },
  };
};
