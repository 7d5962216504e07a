export { type BatchStats, deadLetterMessage } from './apply-batch';
export * from './decisions';
export * from './lag';
export * from './parking';
export * from './projection';
export * from './projector';
export { migrateRuntime, type ParkedEvent, RuntimeState } from './runtime-state';
export { type RetryPolicy } from './sinks/postgres-sink';
export * from './tables';
