// Imported first by main.ts so the OpenTelemetry instrumentations patch grpc-js, pg and kafkajs
// before anything loads them. Tracing stays off unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
import { startTracing } from '@ledgerline/telemetry';

startTracing('checkout', process.env['OTEL_EXPORTER_OTLP_ENDPOINT']);
