export { RelayCheckpoints } from './checkpoints';
// The wire format and topic naming live in @ledgerline/cloud-events (test readers need them
// without depending on the relay); re-exported so consumers keep importing them from here.
export * from '@ledgerline/cloud-events';
export * from './lag';
export * from './relay';
export * from './metrics';
