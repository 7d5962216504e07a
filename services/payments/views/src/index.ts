export { PAYMENT_EVENTS_TOPIC } from './payment-event';
export * from './payments/bulk';
export * from './payments/payment-change';
export * from './payments/projection';
export * from './payments/queries';
export * from './search/payment-document';
export * from './search/projection';
export { MAX_PAGE_SIZE, type Queryable } from '@ledgerline/projections';
