export { RelayCheckpoints } from './checkpoints';
export * from './cloud-events';
export * from './lag';
export * from './relay';
export * from './topics';
export * from './metrics';
