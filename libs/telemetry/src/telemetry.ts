import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { registerRuntimeMetrics } from './runtime-metrics';
import { startTracing } from './tracing';

export interface TelemetrySettings {
  readonly serviceName: string;
  /** OTLP/HTTP collector base URL (e.g. http://127.0.0.1:4318). Tracing is off when empty. */
  readonly otlpEndpoint?: string;
  /** Port for a Prometheus scrape endpoint (/metrics). Metrics export is off when absent. */
  readonly metricsPort?: number;
  /** Bind address of that endpoint (default 127.0.0.1). */
  readonly metricsHost?: string;
}

export interface Telemetry {
  readonly tracing: boolean;
  readonly metricsPort: number | undefined;
  shutdown(): Promise<void>;
}

/** Where a process serves its Prometheus endpoint. */
export interface MetricsEndpoint {
  readonly serviceName: string;
  /** Bind address: 127.0.0.1 on a laptop, 0.0.0.0 in a container. */
  readonly host: string;
  /** 0 picks a free port (tests); see `RunningMetrics.port` for the one bound. */
  readonly port: number;
}

export interface RunningMetrics {
  readonly port: number;
  stop(): Promise<void>;
}

/** The endpoint could not be served, e.g. its port is taken: names the setting to change. */
export class MetricsEndpointError extends Error {
  constructor(endpoint: MetricsEndpoint, cause: unknown) {
    const code = (cause as { code?: string } | undefined)?.code;
    const reason =
      code === 'EADDRINUSE'
        ? 'is already in use (another process or replica serves metrics there; give this one its own METRICS_PORT, or 0 to switch metrics off)'
        : code === 'EADDRNOTAVAIL'
          ? 'is not an address of this host (METRICS_HOST)'
          : `cannot be served: ${cause instanceof Error ? cause.message : String(cause)}`;
    super(`metrics endpoint ${endpoint.host}:${endpoint.port} ${reason}`, { cause });
    this.name = 'MetricsEndpointError';
  }
}

/**
 * Serves metrics recorded through @opentelemetry/api on a Prometheus endpoint (/metrics), with
 * the Node runtime's own (event loop, heap, GC, CPU). Rejects with a MetricsEndpointError, before
 * anything else starts, when the port cannot be bound.
 */
export const startMetrics = async (endpoint: MetricsEndpoint): Promise<RunningMetrics> => {
  // Started here, not by the constructor: its own start only logs a failure through diag.
  const exporter = new PrometheusExporter({
    host: endpoint.host,
    port: endpoint.port,
    preventServerStart: true,
  });
  try {
    await exporter.startServer();
  } catch (error) {
    await exporter.stopServer().catch(() => undefined);
    throw new MetricsEndpointError(endpoint, error);
  }
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: endpoint.serviceName }),
    readers: [exporter],
  });
  metrics.setGlobalMeterProvider(provider);
  const stopRuntime = registerRuntimeMetrics(provider.getMeter('ledgerline.runtime'));
  return {
    port: boundPort(exporter) ?? endpoint.port,
    async stop() {
      stopRuntime();
      await provider.shutdown();
    },
  };
};

/** The port the exporter's HTTP server listens on (differs from the setting when that was 0). */
const boundPort = (exporter: PrometheusExporter): number | undefined => {
  const server = (exporter as unknown as { _server?: { address(): unknown } })._server;
  const address = server?.address();
  return typeof address === 'object' && address !== null && 'port' in address
    ? Number((address as { port: number }).port)
    : undefined;
};

/**
 * A service's metrics from its configuration (METRICS_HOST, METRICS_PORT): served unless the
 * port is 0. Started first in every composition root, so a taken port fails the start at once.
 */
export const startServiceMetrics = async (
  serviceName: string,
  config: { readonly METRICS_HOST: string; readonly METRICS_PORT: number },
): Promise<RunningMetrics | undefined> =>
  config.METRICS_PORT > 0
    ? startMetrics({ serviceName, host: config.METRICS_HOST, port: config.METRICS_PORT })
    : undefined;

/** Both halves; each is off unless configured, so tests and local runs pay nothing. */
export const startTelemetry = async (settings: TelemetrySettings): Promise<Telemetry> => {
  const stops = [startTracing(settings.serviceName, settings.otlpEndpoint)];
  const running =
    settings.metricsPort === undefined
      ? undefined
      : await startMetrics({
          serviceName: settings.serviceName,
          host: settings.metricsHost ?? '127.0.0.1',
          port: settings.metricsPort,
        });
  if (running) stops.push(() => running.stop());
  return {
    tracing: Boolean(settings.otlpEndpoint),
    metricsPort: running?.port,
    async shutdown() {
      await Promise.allSettled(stops.map((stop) => stop()));
    },
  };
};
