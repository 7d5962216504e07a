export * from './orders-client';
