import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface TelemetrySettings {
  readonly serviceName: string;
  /** OTLP/HTTP collector base URL (e.g. http://127.0.0.1:4318). Tracing is off when empty. */
  readonly otlpEndpoint?: string;
  /** Port for a Prometheus scrape endpoint (/metrics). Metrics export is off when absent. */
  readonly metricsPort?: number;
}

export interface Telemetry {
  readonly tracing: boolean;
  readonly metricsPort: number | undefined;
  shutdown(): Promise<void>;
}

/**
 * Starts tracing (gRPC, pg, ioredis and kafkajs instrumented, exported over OTLP/HTTP), or does
 * nothing when no endpoint is configured. Synchronous on purpose: instrumentation patches
 * modules as they load, so a service calls this from its first import (see a service's
 * `instrumentation.ts`), before anything loads those clients.
 */
export const startTracing = (
  serviceName: string,
  otlpEndpoint: string | undefined,
): (() => Promise<void>) => {
  if (!otlpEndpoint) return () => Promise.resolve();
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    traceExporter: new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/$/, '')}/v1/traces` }),
    instrumentations: [
      new GrpcInstrumentation(),
      new PgInstrumentation(),
      new IORedisInstrumentation(),
      new KafkaJsInstrumentation(),
    ],
  });
  sdk.start();
  return () => sdk.shutdown();
};

/** Serves metrics recorded through @opentelemetry/api on a Prometheus endpoint (/metrics). */
export const startMetrics = async (
  serviceName: string,
  port: number,
): Promise<() => Promise<void>> => {
  const exporter = new PrometheusExporter({ port, host: '127.0.0.1' });
  await exporter.startServer();
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    readers: [exporter],
  });
  metrics.setGlobalMeterProvider(provider);
  return () => provider.shutdown();
};

/** Both halves; each is off unless configured, so tests and local runs pay nothing. */
export const startTelemetry = async (settings: TelemetrySettings): Promise<Telemetry> => {
  const stops = [startTracing(settings.serviceName, settings.otlpEndpoint)];
  if (settings.metricsPort !== undefined)
    stops.push(await startMetrics(settings.serviceName, settings.metricsPort));
  return {
    tracing: Boolean(settings.otlpEndpoint),
    metricsPort: settings.metricsPort,
    async shutdown() {
      await Promise.allSettled(stops.map((stop) => stop()));
    },
  };
};
