// Loaded before anything else in main.ts: OpenTelemetry patches grpc-js, pg and kafkajs only if
// it starts before they are first required. Tracing stays off when no collector is configured.
import { startTracing } from '@ledgerline/telemetry';

startTracing('accounts-query', process.env['OTEL_EXPORTER_OTLP_ENDPOINT']);
