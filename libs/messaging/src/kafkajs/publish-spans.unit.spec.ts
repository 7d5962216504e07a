import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { publishSpans } from './publish-spans';

const STORED = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('publish spans', () => {
  it('leave the stored traceparent as it is when tracing is off', async () => {
    // given an event recorded by a traced command, and no tracer provider
    const message = { key: 's-1', headers: { traceparent: STORED } };
    // when it is published
    await publishSpans([{ topic: 't', messages: [message] }]).around(() => Promise.resolve());
    // then consumers read the command's context
    expect(message.headers.traceparent).toBe(STORED);
  });

  describe('with tracing on', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const contextManager = new AsyncLocalStorageContextManager();
    beforeAll(() => {
      context.setGlobalContextManager(contextManager.enable());
      trace.setGlobalTracerProvider(provider);
    });
    afterAll(async () => {
      trace.disable();
      context.disable();
      await provider.shutdown();
    });
    beforeEach(() => exporter.reset());

    it('continue the stored trace, link the batch, and name themselves in the header', async () => {
      // given a relay batch span active and events from two commands' traces, one untraced
      const other = '00-11111111111111111111111111111111-2222222222222222-01';
      const messages = [
        { key: 's-1', headers: { traceparent: STORED } },
        { key: 's-2', headers: { traceparent: other } },
        { key: 's-3', headers: {} as Record<string, string> },
      ];
      const batch = trace.getTracer('test').startSpan('relay publish', { root: true });
      // when they are sent in one request
      await context.with(trace.setSpan(context.active(), batch), () =>
        publishSpans([{ topic: 't', messages }]).around(() => Promise.resolve()),
      );
      batch.end();
      // then each publish span is a child of its event's stored context, linked to the batch
      const spans = exporter.getFinishedSpans().filter((s) => s.name === 'publish t');
      expect(spans.map((s) => s.spanContext().traceId)).toEqual([
        '0af7651916cd43dd8448eb211c80319c',
        '11111111111111111111111111111111',
        batch.spanContext().traceId,
      ]);
      expect(spans.map((s) => s.parentSpanContext?.spanId)).toEqual([
        'b7ad6b7169203331',
        '2222222222222222',
        batch.spanContext().spanId,
      ]);
      expect(spans[0]!.links.map((l) => l.context.spanId)).toEqual([batch.spanContext().spanId]);
      // and the header written is the publish span's own context
      expect(messages.map((m) => m.headers.traceparent)).toEqual(
        spans.map((s) => `00-${s.spanContext().traceId}-${s.spanContext().spanId}-01`),
      );
    });

    it('mark every span of a failed send', async () => {
      // given an event to publish
      const message = { key: 's-1', headers: { traceparent: STORED } };
      // when the broker refuses the request
      const sent = publishSpans([{ topic: 't', messages: [message] }]).around(() =>
        Promise.reject(new Error('broker down')),
      );
      // then the error reaches the caller and the span records it
      await expect(sent).rejects.toThrow('broker down');
      const [span] = exporter.getFinishedSpans();
      expect(span?.status.code).toBe(SpanStatusCode.ERROR);
      expect(span?.events.map((e) => e.name)).toEqual(['exception']);
    });
  });
});
