export * from './telemetry';
export * from './tracing';
