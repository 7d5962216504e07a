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
 * Starts tracing (gRPC, pg, ioredis and kafkajs instrumented, exported over OTLP/HTTP) and
 * metrics. Call it before anything imports those clients: instrumentation patches modules as
 * they load. Both halves are off unless configured, so tests and local runs pay nothing.
 */
export const startTelemetry = async (settings: TelemetrySettings): Promise<Telemetry> => {
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName });
  const stops: (() => Promise<void>)[] = [];

  if (settings.otlpEndpoint) {
    const sdk = new NodeSDK({
      resource,
      traceExporter: new OTLPTraceExporter({
        url: `${settings.otlpEndpoint.replace(/\/$/, '')}/v1/traces`,
      }),
      instrumentations: [
        new GrpcInstrumentation(),
        new PgInstrumentation(),
        new IORedisInstrumentation(),
        new KafkaJsInstrumentation(),
      ],
    });
    sdk.start();
    stops.push(() => sdk.shutdown());
  }

  let metricsPort: number | undefined;
  if (settings.metricsPort !== undefined) {
    const exporter = new PrometheusExporter({ port: settings.metricsPort, host: '127.0.0.1' });
    await exporter.startServer();
    metricsPort = settings.metricsPort;
    const provider = new MeterProvider({ resource, readers: [exporter] });
    metrics.setGlobalMeterProvider(provider);
    stops.push(() => provider.shutdown());
  }

  return {
    tracing: Boolean(settings.otlpEndpoint),
    metricsPort,
    async shutdown() {
      await Promise.allSettled(stops.map((stop) => stop()));
    },
  };
};
