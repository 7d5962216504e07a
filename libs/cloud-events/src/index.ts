export * from './cloud-events';
export * from './topics';
export * from './contract-check';
