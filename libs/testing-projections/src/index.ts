export * from './view-harness';
