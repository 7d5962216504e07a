export * from './accounts-client';
