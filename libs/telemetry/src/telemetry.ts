import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { startTracing } from './tracing';

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
