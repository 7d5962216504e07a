import {
  type Context,
  context,
  type Link,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/**
 * W3C trace context as the platform carries it between processes: a `traceparent` string in an
 * event's metadata, in Kafka headers and in gRPC metadata. The propagator is named here rather
 * than taken from the global one so the format of what is stored never depends on how (or
 * whether) a process configured tracing.
 */
const w3c = new W3CTraceContextPropagator();

const textCarrier = {
  get: (carrier: Record<string, string>, key: string) => carrier[key],
  keys: (carrier: Record<string, string>) => Object.keys(carrier),
};

/** The `traceparent` of the span active in `ctx`, or undefined when there is none. */
export const traceparentOf = (ctx: Context = context.active()): string | undefined => {
  const carrier: Record<string, string> = {};
  w3c.inject(ctx, carrier, {
    set: (c: Record<string, string>, key: string, value: string) => {
      c[key] = value;
    },
  });
  return carrier['traceparent'];
};

/** A context whose parent span is the one `traceparent` names (ROOT_CONTEXT when it names none). */
export const contextOfTraceparent = (
  traceparent: string | undefined,
  base: Context = ROOT_CONTEXT,
): Context => (traceparent === undefined ? base : w3c.extract(base, { traceparent }, textCarrier));

/** A link to the span `traceparent` names, for spans that merge many inputs (a batch). */
export const linkToTraceparent = (traceparent: string | undefined): Link | undefined => {
  const spanContext = trace.getSpanContext(contextOfTraceparent(traceparent));
  return spanContext ? { context: spanContext } : undefined;
};

export const messagingTracer = () => trace.getTracer('@ledgerline/messaging');

/** Runs `work` as `span`'s body and ends the span with its outcome. */
export const endWith = async <T>(span: Span, work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
};

/**
 * Runs `work` in a span whose parent is the event's `traceparent` (so a consumer's work joins the
 * trace of the command that recorded the event), with a link to whatever span was active (the
 * batch the event came in). Without a traceparent the span's parent is the active context.
 */
export const inEventContext = <T>(
  name: string,
  traceparent: string | undefined,
  attributes: Record<string, string | number>,
  work: () => Promise<T>,
): Promise<T> => {
  const active = context.active();
  const parent = traceparent === undefined ? active : contextOfTraceparent(traceparent, active);
  const batch = trace.getSpanContext(active);
  const span = messagingTracer().startSpan(
    name,
    {
      kind: SpanKind.CONSUMER,
      attributes,
      ...(batch && traceparent !== undefined ? { links: [{ context: batch }] } : {}),
    },
    parent,
  );
  return context.with(trace.setSpan(parent, span), () => endWith(span, work));
};
