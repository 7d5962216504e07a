export * from './payments-client';
