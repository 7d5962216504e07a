import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { redactingExporter } from './redacting-exporter';

export interface TracingExport {
  /** OTLP/HTTP collector base URL (e.g. http://127.0.0.1:4318: Jaeger in compose). */
  readonly otlpEndpoint?: string | undefined;
  /** Zipkin's span API (e.g. http://127.0.0.1:9411/api/v2/spans: the local stack's Zipkin). */
  readonly zipkinEndpoint?: string | undefined;
  /** Spans exported as they end, without batching (tests: an InMemorySpanExporter). */
  readonly exporter?: SpanExporter;
}

/**
 * The span processors for what is configured; none when nothing is (tracing stays off). Batched
 * for collectors, so a span's end never waits on the network. Every exporter sees spans with
 * personal fields' attributes redacted (ADR 0027).
 */
export const spanProcessorsFor = (settings: TracingExport): SpanProcessor[] => [
  ...(settings.otlpEndpoint
    ? [
        new BatchSpanProcessor(
          redactingExporter(
            new OTLPTraceExporter({ url: `${settings.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }),
          ),
        ),
      ]
    : []),
  ...(settings.zipkinEndpoint
    ? [
        new BatchSpanProcessor(
          redactingExporter(new ZipkinExporter({ url: settings.zipkinEndpoint })),
        ),
      ]
    : []),
  ...(settings.exporter ? [new SimpleSpanProcessor(redactingExporter(settings.exporter))] : []),
];

/**
 * Starts tracing (gRPC, pg and ioredis instrumented), exported over OTLP/HTTP and/or to Zipkin,
 * or does nothing when neither is configured. Synchronous on purpose: instrumentation patches
 * modules as they load, so a service calls this from its first import (see a service's
 * `instrumentation.ts`), before anything loads those clients.
 *
 * Kafka is traced by libs/messaging, not by the kafkajs instrumentation: that one's producer span
 * overwrites the `traceparent` header the relay sets from the event's stored context, which
 * would cut every trace at the broker. libs/messaging's publish span continues the stored
 * context instead, and projectors and sagas continue from the header.
 *
 * The Zipkin endpoint defaults to OTEL_EXPORTER_ZIPKIN_ENDPOINT (the SDK's own variable), so
 * `stack.sh up --tracing` reaches every service without a change to how each one starts.
 */
export const startTracing = (
  serviceName: string,
  otlpEndpoint: string | undefined,
  more: Omit<TracingExport, 'otlpEndpoint'> = {
    zipkinEndpoint: process.env['OTEL_EXPORTER_ZIPKIN_ENDPOINT'],
  },
): (() => Promise<void>) => {
  const spanProcessors = spanProcessorsFor({ otlpEndpoint, ...more });
  if (spanProcessors.length === 0) return () => Promise.resolve();
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors,
    // Traces only: without these the SDK would read OTEL_METRICS_EXPORTER / OTEL_LOGS_EXPORTER,
    // default both to OTLP and take the global meter provider that startMetrics registers.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new GrpcInstrumentation(),
      new PgInstrumentation(),
      new IORedisInstrumentation(),
    ],
  });
  sdk.start();
  return () => sdk.shutdown();
};
