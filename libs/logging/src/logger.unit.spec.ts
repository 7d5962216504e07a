import { context, trace, type SpanContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { Writable } from 'node:stream';
import { createLogger } from './logger';

const capture = () => {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
};

describe('createLogger', () => {
  it('writes JSON lines with the service name and level label', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'accounts', destination }).info({ accountId: 'a1' }, 'opened');
    expect(lines[0]).toMatchObject({
      service: 'accounts',
      level: 'info',
      msg: 'opened',
      accountId: 'a1',
    });
    expect(typeof lines[0]?.['time']).toBe('string');
  });

  it('stamps the active trace and span ids', () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const { lines, destination } = capture();
    const logger = createLogger({ service: 'payments', destination });
    const spanContext: SpanContext = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
    };
    context.with(trace.setSpanContext(context.active(), spanContext), () => logger.info('inside'));
    logger.info('outside');
    expect(lines[0]).toMatchObject({ trace_id: spanContext.traceId, span_id: spanContext.spanId });
    expect(lines[1]).not.toHaveProperty('trace_id');
    context.disable();
  });
});

describe('personal fields in logs', () => {
  it('redacts them at any nesting a log call uses, keeping ids and amounts', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'orders', destination }).warn(
      {
        reason: 'Ada moved house',
        command: {
          type: 'PlaceOrder',
          data: {
            orderId: 'o-1',
            totalMinor: 3000,
            lines: [{ sku: 'MUG', description: 'Ada’s engraved mug' }],
          },
        },
        event: { data: { reference: 'rent for Ada', trackingNumber: 'ADA-1', amount: 5 } },
      },
      'rejected',
    );
    const text = JSON.stringify(lines[0]);
    for (const plain of ['Ada moved house', 'engraved', 'rent for Ada', 'ADA-1'])
      expect(text).not.toContain(plain);
    expect(lines[0]).toMatchObject({
      reason: '[redacted]',
      command: {
        data: {
          orderId: 'o-1',
          totalMinor: 3000,
          lines: [{ sku: 'MUG', description: '[redacted]' }],
        },
      },
      event: { data: { reference: '[redacted]', amount: 5 } },
    });
  });
});
