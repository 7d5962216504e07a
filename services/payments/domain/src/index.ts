export * from './commands';
export * from './decide';
export * from './decider';
export * from './events';
export * from './evolve';
export { MAX_FAILURE_REASON_LENGTH } from './lifecycle';
export * from './state';
export * from './stream';
export * from './privacy';
