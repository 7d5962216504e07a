export * from './cloud-events';
export * from './topics';
