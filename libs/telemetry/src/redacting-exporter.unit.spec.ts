import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { redactingExporter } from './redacting-exporter';

describe('spans leave the process without personal text', () => {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(redactingExporter(memory))],
  });
  const tracer = provider.getTracer('test');
  afterAll(() => provider.shutdown());
  beforeEach(() => memory.reset());

  it('redacts attributes named after personal fields, on the span and its events', () => {
    // given a span that recorded a deposit's reference and a freeze reason
    const span = tracer.startSpan('command DepositFunds', {
      attributes: {
        'ledgerline.stream_id': 'account-1',
        'ledgerline.command.reference': 'rent for Ada Lovelace',
        amount: 1200,
      },
    });
    span.addEvent('frozen', { reason: 'suspected fraud by Ada', 'ledgerline.account_id': 'a-1' });
    // when it ends and is exported
    span.end();
    // then the personal values are the marker, everything else as recorded
    const [exported] = memory.getFinishedSpans();
    expect(exported?.attributes).toEqual({
      'ledgerline.stream_id': 'account-1',
      'ledgerline.command.reference': '[redacted]',
      amount: 1200,
    });
    expect(exported?.events[0]?.attributes).toEqual({
      reason: '[redacted]',
      'ledgerline.account_id': 'a-1',
    });
    expect(exported?.name).toBe('command DepositFunds');
    expect(exported?.spanContext().traceId).toBe(span.spanContext().traceId);
  });

  it('passes a span without personal attributes through as it is', () => {
    // given a span with no personal attributes
    tracer.startSpan('relay publish', { attributes: { 'messaging.batch.message_count': 3 } }).end();
    // then it is exported unchanged
    expect(memory.getFinishedSpans()[0]?.attributes).toEqual({
      'messaging.batch.message_count': 3,
    });
  });
});
