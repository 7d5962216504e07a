import { type Attributes } from '@opentelemetry/api';
import { type ExportResult } from '@opentelemetry/core';
import { type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { LOG_REDACTION, PERSONAL_LOG_FIELDS } from '@ledgerline/logging';

const PERSONAL = new Set<string>(PERSONAL_LOG_FIELDS);

/** Whether an attribute key names a personal field: its last dotted segment does. */
const isPersonal = (key: string): boolean => PERSONAL.has(key.slice(key.lastIndexOf('.') + 1));

const redacted = (attributes: Attributes): Attributes => {
  if (!Object.keys(attributes).some(isPersonal)) return attributes;
  return Object.fromEntries(
    Object.entries(attributes).map(([key, value]) => [
      key,
      isPersonal(key) ? LOG_REDACTION : value,
    ]),
  );
};

/**
 * The span as exported, with the value of every attribute (and span-event attribute) named after
 * a personal field replaced by the marker, as log lines are: whatever an instrumentation or a
 * handler records, personal text never leaves the process in a trace.
 */
export const redactSpan = (span: ReadableSpan): ReadableSpan => {
  const attributes = redacted(span.attributes);
  const events = span.events.map((event) =>
    event.attributes && redacted(event.attributes) !== event.attributes
      ? { ...event, attributes: redacted(event.attributes) }
      : event,
  );
  const eventsChanged = events.some((event, i) => event !== span.events[i]);
  if (attributes === span.attributes && !eventsChanged) return span;
  // A view of the span: the exporter reads the same properties, two of them replaced.
  return Object.create(span, {
    attributes: { value: attributes, enumerable: true },
    events: { value: events, enumerable: true },
  }) as ReadableSpan;
};

/** Wraps an exporter so that it only ever sees redacted spans. */
export const redactingExporter = (exporter: SpanExporter): SpanExporter => ({
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    exporter.export(spans.map(redactSpan), done);
  },
  shutdown: () => exporter.shutdown(),
  ...(exporter.forceFlush && { forceFlush: () => exporter.forceFlush!() }),
});
