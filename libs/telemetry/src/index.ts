export * from './telemetry';
export * from './tracing';
export * from './redacting-exporter';
