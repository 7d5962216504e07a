import { inEventContext, type IncomingMessage } from '@ledgerline/messaging';
import { eventually, uniqueName } from '@ledgerline/testing';
import { SpanKind, trace } from '@opentelemetry/api';
import { type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { balancesProjection, readBalances } from './fixtures/balances';
import { logger, spanWhere, tracedPlatform } from './fixtures/traced-platform';
import { startProjector } from './projector';

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const traceOf = (span: ReadableSpan) => span.spanContext().traceId;

describe('one trace per command', () => {
  it('runs from the command through the relay and Kafka to the projector and the saga’s next command', async () => {
    const platform = await tracedPlatform();
    const table = `"${platform.schema}".balances`;
    const projector = await startProjector({
      projection: balancesProjection({
        name: uniqueName('traced'),
        topics: [platform.topic],
        table,
      }),
      messaging: platform.messaging,
      pool: platform.pool,
      schema: platform.schema,
      logger,
      consumer: { sessionTimeoutMs: 6_000, maxWaitTimeMs: 100 },
    });
    // A saga as the runtime runs one: it handles each event in the event's context, and the
    // command it sends for a deposit to `a` (a transfer's next step) carries the trace.
    const saga = await platform.messaging.consumer({
      groupId: uniqueName('trace-saga'),
      topics: [platform.topic],
      maxWaitTimeMs: 100,
    });
    const seen: IncomingMessage[] = [];
    const from = platform.streamOf('a');
    const to = platform.streamOf('b');
    void saga.run(async (batch) => {
      for (const message of batch.messages) {
        seen.push(message);
        if (message.headers['ce_subject'] !== from) continue;
        await inEventContext('saga transfer', message.headers['traceparent'], {}, () =>
          platform.deposit(to, 7),
        );
      }
    });
    try {
      await trace
        .getTracer('trace-test')
        .startActiveSpan('client Deposit', { kind: SpanKind.CLIENT }, async (span) => {
          await platform.deposit(from, 5);
          span.end();
        });
      await eventually(async () =>
        expect(await readBalances(platform.pool, table)).toEqual([
          { stream_id: from, balance: 5, events: 1, last_version: 1 },
          { stream_id: to, balance: 7, events: 1, last_version: 1 },
        ]),
      );
      const spans = await eventually(() => {
        const finished = platform.spans.getFinishedSpans();
        spanWhere(finished, 'apply Deposited', (s) => s.attributes['ledgerline.stream_id'] === to);
        return finished;
      });

      const root = spanWhere(spans, 'client Deposit');
      const chain = (streamId: string) => {
        const command = spanWhere(
          spans,
          'command Deposit',
          (s) => s.attributes['ledgerline.stream_id'] === streamId,
        );
        const publish = spanWhere(
          spans,
          `publish ${platform.topic}`,
          (s) => s.attributes['messaging.kafka.message.key'] === streamId,
        );
        const apply = spanWhere(
          spans,
          'apply Deposited',
          (s) => s.attributes['ledgerline.stream_id'] === streamId,
        );
        return { command, publish, apply };
      };
      const first = chain(from);
      const saga = spanWhere(spans, 'saga transfer');
      const next = chain(to);

      // One trace, parent by parent: client → command → publish → apply, and publish → saga →
      // the saga's command → its publish → its apply.
      for (const span of [
        first.command,
        first.publish,
        first.apply,
        saga,
        next.command,
        next.publish,
        next.apply,
      ])
        expect(traceOf(span)).toBe(traceOf(root));
      expect(parentOf(first.command)).toBe(idOf(root));
      expect(parentOf(first.publish)).toBe(idOf(first.command));
      expect(first.publish.kind).toBe(SpanKind.PRODUCER);
      expect(parentOf(first.apply)).toBe(idOf(first.publish));
      expect(parentOf(saga)).toBe(idOf(first.publish));
      expect(parentOf(next.command)).toBe(idOf(saga));
      expect(parentOf(next.publish)).toBe(idOf(next.command));
      expect(parentOf(next.apply)).toBe(idOf(next.publish));

      // What travelled in Kafka is the publish span's context, not another producer's.
      const sent = seen.find((m) => m.headers['ce_subject'] === from)!;
      expect(sent.headers['traceparent']).toBe(`00-${traceOf(root)}-${idOf(first.publish)}-01`);

      // Batches merge many commands: their spans are roots of their own, linked to each input.
      const relayBatch = spans.find(
        (s) =>
          s.name === 'relay publish' &&
          s.links.some((l) => l.context.spanId === idOf(first.command)),
      );
      expect(relayBatch?.parentSpanContext).toBeUndefined();
      expect(first.publish.links.map((l) => l.context.spanId)).toEqual([idOf(relayBatch!)]);
      const projectBatch = spans.find(
        (s) =>
          s.name.startsWith('project ') &&
          s.links.some((l) => l.context.spanId === idOf(first.publish)),
      );
      expect(traceOf(projectBatch!)).not.toBe(traceOf(root));
      expect(first.apply.links.map((l) => l.context.spanId)).toEqual([idOf(projectBatch!)]);
    } finally {
      await saga.close();
      await projector.stop();
      await platform.close();
    }
  });
});
