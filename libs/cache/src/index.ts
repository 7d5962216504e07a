export * from './cache';
export * from './circuit-breaker';
export * from './errors';
export * from './keys';
export type { CacheCounts } from './counters';
export * from './retire';
export * from './credentials';
